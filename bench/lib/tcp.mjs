// Over real loopback TCP, where the in-memory rows cannot look: a verified connection (TCP
// connect, TLS handshake, close) and an echo transfer against `openssl s_server`, for wasm-ssl
// over a Node net.Socket, the same with Nagle's algorithm forced back on (what a flight written
// as several small writes would cost), wasm-ssl through the package's WebSocket→TCP bridge as a
// browser reaches a server, and Node's own `tls` against the same server in the same run.
import net from 'node:net';
import tls from 'node:tls';
import { WebSocket } from 'ws';
import { load } from '../../js/src/index.js';
import { startBridge } from '../../js/src/bridge/index.js';
import { startSServer } from '../../examples/shared/openssl-s-server.mjs';
import { certBytes, certDir } from './certs.mjs';
import { handshakeScenarios } from './scenarios.mjs';

const scenario = handshakeScenarios[0];  // TLS 1.3, ECDSA P-256 chain verified
const LINE = 4096;                        // s_server -rev echoes each line, reversed

function connected(socket) {
  return new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
}

// Each client kind: open() → { write(bytes), read() → bytes | empty at end, close() }.
function clients(ssl, port, bridge) {
  const options = { cert_reqs: ssl.CERT_REQUIRED, cadata: certBytes(scenario.ca), server_hostname: 'localhost' };
  const wasm = (noDelay) => async () => {
    const socket = net.connect({ host: '127.0.0.1', port });
    await connected(socket);
    const s = await ssl.wrap_socket(socket, { ...options, do_handshake: false });
    if (!noDelay) socket.setNoDelay(false);  // wrap_socket turned it on
    await s.do_handshake();
    return { write: (b) => s.write(b), read: () => s.read(LINE), close: () => s.close() };
  };
  return {
    'wasm net.Socket': wasm(true),
    'wasm net.Socket, Nagle on': wasm(false),
    'wasm via bridge (WebSocket)': async () => {
      const ws = new WebSocket(bridge.url(`127.0.0.1:${port}`), ['binary']);
      const s = await ssl.wrap_socket(ws, options);
      return { write: (b) => s.write(b), read: () => s.read(LINE), close: () => s.close() };
    },
    'Node tls': async () => {
      const s = tls.connect({ host: '127.0.0.1', port, ca: Buffer.from(certBytes(scenario.caPem)), servername: 'localhost' });
      await new Promise((resolve, reject) => { s.once('secureConnect', resolve); s.once('error', reject); });
      if (!s.authorized) throw new Error(`node tls: not verified: ${s.authorizationError}`);
      const chunks = [];
      let wake = null, ended = false;
      s.on('data', (d) => { chunks.push(d); wake?.(); });
      s.on('end', () => { ended = true; wake?.(); });
      return {
        write: (b) => new Promise((resolve) => { if (s.write(b)) resolve(); else s.once('drain', resolve); }),
        read: async () => {
          while (!chunks.length && !ended) await new Promise((resolve) => { wake = resolve; });
          return chunks.length ? chunks.shift() : new Uint8Array(0);
        },
        close: () => { s.destroy(); },
      };
    },
  };
}

async function connectionsPerSecond(open, seconds) {
  for (let i = 0; i < 3; i++) await (await open()).close();
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000 || count < 3) {
    await (await open()).close();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

async function echoMbPerSecond(open, total) {
  const c = await open();
  const line = new Uint8Array(LINE).fill(0x61);
  line[LINE - 1] = 10;
  const start = performance.now();
  let back = 0;
  const reading = (async () => {
    while (back < total) {
      const chunk = await c.read();
      if (!chunk.length) throw new Error(`tcp echo: end after ${back} of ${total} bytes`);
      back += chunk.length;
    }
  })();
  for (let sent = 0; sent < total; sent += LINE) await c.write(line);
  await reading;
  const seconds = (performance.now() - start) / 1000;
  await c.close();
  return total / seconds / 1e6;
}

async function best(repeats, f) {
  let top = 0;
  for (let i = 0; i < repeats; i++) top = Math.max(top, await f());
  return top;
}

export async function tcpSuite(s) {
  const ssl = await load();
  const server = await startSServer(['-cert', `${certDir}/chained.crt`, '-cert_chain', `${certDir}/intermediate.crt`,
    '-key', `${certDir}/${scenario.key}`,
    '-rev', '-ign_eof']);
  const bridge = await startBridge({ allow: [`127.0.0.1:${server.port}`], log: () => {} });
  const total = Math.max(LINE, Math.floor(s.bulkBytes / 16 / LINE) * LINE);
  const out = { scenario: scenario.label, echo_bytes: total, rows: {} };
  try {
    for (const [name, open] of Object.entries(clients(ssl, server.port, bridge))) {
      out.rows[name] = {
        connections_per_s: await best(s.repeats, () => connectionsPerSecond(open, s.handshakeSeconds * 2)),
        echo_mb_per_s: await best(s.repeats, () => echoMbPerSecond(open, total)),
      };
    }
  } finally {
    await bridge.close();
    await server.stop();
  }
  return out;
}
