// The WebSocket→TCP bridge (Node, npm `ws`): one WebSocket connection = one TCP connection,
// binary frames both ways, as websockify does, so that a browser (which has no TCP) can reach
// a TLS server; the TLS itself stays end to end in the page. Targets come only from an explicit
// allow-list (default: nothing), so it is never an open proxy.
//
// The client names its target with `?target=host:port`; with a single allowed target the
// parameter may be left out (websockify's fixed-target mode). The subprotocol 'binary' is
// accepted when offered (websockify clients offer it); text frames are refused.
import net from 'node:net';
import { WebSocketServer } from 'ws';

const POLICY_VIOLATION = 1008, UNSUPPORTED_DATA = 1003, NORMAL = 1000, SERVER_ERROR = 1011;
const HIGH_WATER_MARK = 1 << 20; // bytes queued towards the WebSocket before TCP is paused

/** 'host:port' / '[v6]:port' / { host, port } → 'host:port' in lower case, or null. */
export function normalizeTarget(target) {
  let host, port;
  if (typeof target === 'string') {
    const m = /^\[([^\]]+)\]:(\d+)$/.exec(target) || /^([^:\[\]]+):(\d+)$/.exec(target);
    if (!m) return null;
    [, host, port] = m;
  } else if (target && typeof target === 'object') {
    ({ host, port } = target);
  }
  port = Number(port);
  if (typeof host !== 'string' || host === '' || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  host = host.toLowerCase();
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function splitTarget(normalized) {
  const i = normalized.lastIndexOf(':');
  return { host: normalized.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(normalized.slice(i + 1)) };
}

/**
 * Starts a bridge.
 * @param {object} options
 * @param {Array<string | {host: string, port: number}>} options.allow  targets clients may reach
 * @param {string} [options.host]   where to listen (default 127.0.0.1)
 * @param {number} [options.port]   (default 0: any free port)
 * @param {import('node:http').Server} [options.server]  attach to this HTTP server instead
 * @param {string} [options.path]   only upgrade requests for this path
 * @param {string[]} [options.origins]  allowed Origin headers (default: any)
 * @param {(line: string) => void} [options.log]  one line per connect, refusal and close
 * @returns {Promise<Bridge>}
 */
export async function startBridge(options = {}) {
  const bridge = new Bridge(options);
  await bridge._listen();
  return bridge;
}

export class Bridge {
  constructor(options) {
    const allow = options.allow || [];
    if (!Array.isArray(allow)) throw new TypeError('bridge: allow must be a list of host:port targets');
    this.allowed = new Set(allow.map((t) => {
      const n = normalizeTarget(t);
      if (!n) throw new TypeError(`bridge: bad target in allow-list: ${JSON.stringify(t)}`);
      return n;
    }));
    this.origins = options.origins ? new Set(options.origins) : null;
    this.log = options.log || ((line) => console.error(`wasm-ssl bridge: ${line}`));
    this._options = options;
    this._connections = new Set();
    this.wss = null;
  }

  /** The listening address ({ address, port, family }) when the bridge has its own server. */
  address() { return this.wss.address(); }

  /** The ws:// URL of the bridge for a given target. */
  url(target) {
    const { port } = this.address();
    const host = this._options.host || '127.0.0.1';
    const h = host.includes(':') ? `[${host}]` : host;
    return `ws://${h}:${port}${this._options.path || '/'}${target ? `?target=${encodeURIComponent(target)}` : ''}`;
  }

  _listen() {
    const o = this._options;
    const common = {
      path: o.path,
      perMessageDeflate: false,
      maxPayload: 16 << 20,
      handleProtocols: (protocols) => (protocols.has('binary') ? 'binary' : false),
    };
    return new Promise((resolve, reject) => {
      if (o.server) {
        this.wss = new WebSocketServer({ ...common, server: o.server });
        resolve();
      } else {
        this.wss = new WebSocketServer({ ...common, host: o.host || '127.0.0.1', port: o.port || 0 }, resolve);
        this.wss.once('error', reject);
      }
      this.wss.on('connection', (ws, request) => this._accept(ws, request));
    });
  }

  _targetOf(request) {
    const url = new URL(request.url, 'ws://bridge');
    const asked = url.searchParams.get('target');
    if (asked === null) return this.allowed.size === 1 ? [...this.allowed][0] : null;
    const n = normalizeTarget(asked);
    return n && this.allowed.has(n) ? n : null;
  }

  _accept(ws, request) {
    const peer = `${request.socket.remoteAddress}:${request.socket.remotePort}`;
    const origin = request.headers.origin;
    if (this.origins && !this.origins.has(origin)) {
      this.log(`refused ${peer}: origin ${origin || '(none)'} is not allowed`);
      ws.close(POLICY_VIOLATION, 'origin not allowed');
      return;
    }
    const target = this._targetOf(request);
    if (!target) {
      const asked = new URL(request.url, 'ws://bridge').searchParams.get('target');
      this.log(`refused ${peer}: target ${asked === null ? '(none)' : JSON.stringify(asked)} is not in the allow-list`);
      ws.close(POLICY_VIOLATION, 'target not allowed');
      return;
    }
    this.log(`connect ${peer} -> ${target}`);
    this._pipe(ws, target, peer);
  }

  _pipe(ws, target, peer) {
    const tcp = net.connect(splitTarget(target));
    const connection = { ws, tcp };
    this._connections.add(connection);
    let closed = false;
    const finish = (why) => {
      if (closed) return;
      closed = true;
      this._connections.delete(connection);
      this.log(`close ${peer} -> ${target}: ${why}`);
    };

    // WebSocket → TCP, pausing the WebSocket while TCP is congested.
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        ws.close(UNSUPPORTED_DATA, 'binary frames only');
        tcp.destroy();
        return;
      }
      if (!tcp.write(data)) {
        ws.pause();
        tcp.once('drain', () => ws.resume());
      }
    });
    // TCP → WebSocket, pausing TCP while the WebSocket's buffer is above the mark.
    tcp.on('data', (data) => {
      ws.send(data, { binary: true }, () => {
        if (tcp.isPaused() && ws.bufferedAmount < HIGH_WATER_MARK) tcp.resume();
      });
      if (ws.bufferedAmount >= HIGH_WATER_MARK) tcp.pause();
    });

    // Closing: each side's end becomes the other's, cleanly.
    tcp.on('end', () => { if (ws.readyState === ws.OPEN) ws.close(NORMAL); });
    tcp.on('error', (err) => {
      finish(`tcp ${err.code || err.message}`);
      if (ws.readyState <= ws.OPEN) ws.close(SERVER_ERROR, err.code || 'tcp error');
    });
    tcp.on('close', () => {
      finish('tcp closed');
      if (ws.readyState <= ws.OPEN) ws.close(NORMAL);
    });
    ws.on('close', (code) => {
      finish(`websocket closed (${code})`);
      tcp.end();
      tcp.setTimeout(5000, () => tcp.destroy()); // a target that never closes its side
    });
    ws.on('error', () => tcp.destroy());
  }

  /** Stops listening and closes every open connection (both sides). */
  close() {
    for (const { ws, tcp } of this._connections) {
      ws.terminate();
      tcp.destroy();
    }
    this._connections.clear();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}
