// The peers the Wisp suites talk to, all on loopback: a Node TLS echo server with the test
// CA's localhost certificate, a plain TCP server, and the wisp-js server (the reference
// implementation) on its own HTTP server.
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { server as wispServer, logging } from '@mercuryworkshop/wisp-js/server';
import { certDir } from '../../support/paths.js';

function listening(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)).then(() => ({
    server,
    port: server.address().port,
    close: () => {
      for (const s of server.sockets || []) s.destroy();
      return new Promise((r) => server.close(r));
    },
  }));
}

function tracked(server) {
  server.sockets = new Set();
  server.on('connection', (s) => { server.sockets.add(s); s.on('close', () => server.sockets.delete(s)); });
  return server;
}

/** TLS 1.3/1.2 echo server (server.crt, CN=localhost, by the test CA). */
export function tlsEchoServer() {
  const server = tls.createServer({
    key: readFileSync(`${certDir}/server.key`),
    cert: readFileSync(`${certDir}/server.crt`),
  }, (s) => { s.on('error', () => {}); s.pipe(s); });
  return listening(tracked(server));
}

/** A TCP server; onSocket gets each connection. */
export function tcpServer(onSocket) {
  return listening(tracked(net.createServer((s) => { s.on('error', () => {}); onSocket(s); })));
}

/**
 * The wisp-js server (v1 for clients that offer no subprotocol), loopback targets allowed.
 * `options` go into wisp-js's (module-global) options; what the test changed is put back on close().
 */
export async function wispJsServer(options = {}) {
  logging.set_level(logging.NONE);
  const saved = { ...wispServer.options };
  Object.assign(wispServer.options, { allow_loopback_ips: true, allow_private_ips: true }, options);
  const server = tracked(http.createServer((req, res) => res.end()));
  server.on('upgrade', (req, socket, head) => wispServer.routeRequest(req, socket, head));
  const l = await listening(server);
  return {
    ...l,
    url: `ws://127.0.0.1:${l.port}/`,
    close: async () => {
      await l.close();
      Object.assign(wispServer.options, saved);
    },
  };
}
