// Where Python's TCP connections come from. A connector is (host, port) → { stream, ready }:
// `stream` a HostStream of the package (js/src/streams), `ready` a promise that resolves once
// the connection is up and rejects with a positive errno when it cannot be made.
import { NodeStreamHost } from '../../streams/node-stream.js';
import { WebSocketHost } from '../../streams/websocket.js';
import { transportErrno, errnoOfCode, ECONNRESET } from '../../streams/transport-errno.js';

const POLICY_VIOLATION = 1008; // the bridge's answer for a target outside its allow-list
const EACCES = 13;

/** TCP through Node's `net` (Node only; async because node:net is loaded on demand). */
export async function tcpConnector() {
  const { default: net } = await import('node:net');
  return (host, port) => {
    const socket = net.connect({ host, port });
    const stream = new NodeStreamHost(socket);
    const ready = new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (err) => reject(transportErrno(err)));
    });
    ready.catch(() => {});
    return { stream, ready };
  };
}

/**
 * Server sockets through Node's `net` (Node only): (host, port, backlog, onConnection) →
 * { ready, close() }. `ready` resolves with the bound port (so port 0 works) or rejects with
 * a positive errno (EADDRINUSE, ...); onConnection gets { stream, ready, remote: [host, port] }
 * for each accepted connection, as a connector's result. A browser has no listener.
 */
export async function tcpListener() {
  const { default: net } = await import('node:net');
  return (host, port, backlog, onConnection) => {
    const server = net.createServer((socket) => {
      onConnection({ stream: new NodeStreamHost(socket), ready: Promise.resolve(), remote: [socket.remoteAddress, socket.remotePort] });
    });
    const ready = new Promise((resolve, reject) => {
      server.once('error', (err) => reject(transportErrno(err)));
      server.listen({ host, port, backlog: Math.max(1, backlog) }, () => resolve(server.address().port));
    });
    ready.catch(() => {});
    return { ready, close: () => server.close() };
  };
}

/**
 * TCP through the package's WebSocket→TCP bridge (js/src/bridge): one WebSocket per
 * connection, the target named by `?target=host:port`.
 * @param {string | URL} url  the bridge, e.g. 'ws://127.0.0.1:8080/'
 * @param {{ WebSocket?: typeof WebSocket }} [options]  a WebSocket class where there is no
 *   global one (Node 20: npm `ws`)
 */
export function bridgeConnector(url, options = {}) {
  const WebSocketClass = options.WebSocket || globalThis.WebSocket;
  if (!WebSocketClass) throw new TypeError('wasm-ssl: no WebSocket here; pass { WebSocket } (npm ws)');
  return (host, port) => {
    const target = new URL(url);
    target.searchParams.set('target', host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
    const ws = new WebSocketClass(target.href, ['binary']);
    // The bridge closes with the TCP error's code as the reason ('ECONNREFUSED'), or with
    // 1008 for a target it may not reach: report those instead of the reset a broken
    // WebSocket otherwise is. Registered before the adapter's listener so that it is the
    // first failure the stream records.
    const closeErrno = (event) => errnoOfCode(event.reason) || (event.code === POLICY_VIOLATION ? EACCES : 0);
    let stream = null;
    ws.addEventListener('close', (event) => {
      const errno = closeErrno(event);
      if (errno && stream) stream._fail(errno);
    });
    stream = new WebSocketHost(ws);
    const ready = new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve);
      ws.addEventListener('close', (event) => reject(closeErrno(event) || ECONNRESET));
    });
    ready.catch(() => {});
    return { stream, ready };
  };
}
