// The WebSocket→TCP bridge (Node, npm `ws`): one WebSocket connection = one TCP connection,
// binary frames both ways, as websockify does, so that a browser (which has no TCP) can reach
// a TLS server; the TLS itself stays end to end in the page. Targets come only from an explicit
// allow-list (default: nothing), so it is never an open proxy. No state is shared between
// connections: several bridges can run behind a load balancer.
//
// The client names its target with `?target=host:port`; with a single allowed target the
// parameter may be left out (websockify's fixed-target mode). The subprotocol 'binary' is
// accepted when offered (websockify clients offer it); text frames are refused.
//
// Upgrades are handled by our own 'upgrade' listener (`ws` in noServer mode), so that every
// request is judged before it costs a WebSocket: a malformed URL or target is HTTP 400, a full
// cap HTTP 503. A well-formed target outside the allow-list, or a browser Origin not allowed,
// is a WebSocket close 1008 with the reason (a page sees close reasons, not HTTP statuses).
//
// With `wisp: true` the endpoint speaks Wisp instead (bridge/wisp.js): one WebSocket carries
// many TCP streams, each judged against the same allow-list; `wisp: '/path'` puts Wisp on that
// path only, next to the one-connection-per-WebSocket endpoint.
import { STATUS_CODES } from 'node:http';
import { WebSocketServer } from 'ws';
import { normalizeTarget, formatAddress } from './target.js';
import { limitsOf } from './options.js';
import { Caps, clientKey } from './caps.js';
import { CLOSE } from './close-codes.js';
import { createOwnServer } from './own-server.js';
import { bridgeConnection } from './connection.js';
import { wispConnection } from './wisp.js';

export { normalizeTarget };
export { CLOSE } from './close-codes.js';
export { DEFAULTS } from './options.js';

const WS_CLOSE_TIMEOUT_MS = 5000; // a client that never answers our close frame is cut after this
const RETRY_AFTER_S = 5;

/** true when promise settles within ms, false otherwise (the timer does not outlive it). */
function settlesWithin(promise, ms) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, ms, false); });
  return Promise.race([promise.then(() => true), late]).finally(() => clearTimeout(timer));
}

/**
 * Starts a bridge.
 * @param {import('../../bridge.d.ts').BridgeOptions} options
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
    if (options.origins !== undefined && !Array.isArray(options.origins)) {
      throw new TypeError('bridge: origins must be a list of Origin values');
    }
    /** Browser Origins allowed, none unless listed (requests without an Origin header always pass). */
    this.origins = new Set(options.origins || []);
    this.limits = limitsOf(options);
    if (options.wisp !== undefined && typeof options.wisp !== 'boolean'
      && !(typeof options.wisp === 'string' && options.wisp.startsWith('/'))) {
      throw new TypeError('bridge: wisp must be true, false or a path ("/wisp/")');
    }
    /** Where Wisp is spoken: true (the whole endpoint), a path, or false. */
    this.wisp = options.wisp || false;
    this.log = options.log || ((line) => console.error(`wasm-ssl bridge: ${line}`));
    this._options = options;
    this._connections = new Set();
    this._caps = new Caps(this.limits.maxConnections, this.limits.maxPerAddress);
    // Wisp streams: TCP connections in total, and per WebSocket (keyed by its peer address:port).
    this._streamCaps = new Caps(this.limits.maxConnections, this.limits.maxStreams);
    this._closing = false;
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: this.limits.maxPayload,
      closeTimeout: WS_CLOSE_TIMEOUT_MS,
      handleProtocols: (protocols) => (protocols.has('binary') ? 'binary' : false),
    });
    this.server = null;
  }

  /** The listening address ({ address, port, family }) of the HTTP server. */
  address() { return this.server.address(); }

  /** The ws:// URL of the bridge for a given target. */
  url(target) {
    const { port } = this.address();
    return `ws://${formatAddress(this._options.host || '127.0.0.1', port)}${this._options.path || '/'}`
      + `${target ? `?target=${encodeURIComponent(target)}` : ''}`;
  }

  /** The ws:// URL of the bridge's Wisp endpoint. */
  wispUrl() {
    if (!this.wisp) throw new Error('bridge: Wisp is not enabled (option wisp)');
    const { port } = this.address();
    const path = typeof this.wisp === 'string' ? this.wisp : (this._options.path || '/');
    return `ws://${formatAddress(this._options.host || '127.0.0.1', port)}${path}`;
  }

  /** How many bridged connections (WebSockets, Wisp or not) are open. */
  get connections() { return this._connections.size; }

  _listen() {
    const o = this._options;
    this._onUpgrade = (request, socket, head) => this._upgrade(request, socket, head);
    if (o.server) {
      this.server = o.server;
      this.server.on('upgrade', this._onUpgrade);
      return Promise.resolve();
    }
    this._own = createOwnServer(this.limits, this.log);
    this.server = this._own.server;
    this.server.on('upgrade', this._onUpgrade);
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(o.port || 0, o.host || '127.0.0.1', () => {
        this.server.off('error', reject);
        this.server.on('error', (err) => this.log(`server error: ${err.message}`));
        resolve();
      });
    });
  }

  _upgrade(request, socket, head) {
    socket.on('error', () => socket.destroy()); // until `ws` has the socket, and after: never unhandled
    if (this._own) this._own.upgraded(socket);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    let url;
    try {
      url = new URL(request.url, 'ws://bridge');
    } catch {
      this._refuseHttp(socket, peer, 400, `bad request URL ${JSON.stringify(request.url.slice(0, 200))}`);
      return;
    }
    const onWispPath = typeof this.wisp === 'string' && url.pathname === this.wisp;
    const wisp = this.wisp === true || onWispPath;
    if (this._options.path && url.pathname !== this._options.path && !onWispPath) {
      // On a shared server another listener may want this path.
      if (this._own || this.server.listenerCount('upgrade') === 1) {
        this._refuseHttp(socket, peer, 400, `path ${JSON.stringify(url.pathname.slice(0, 200))} is not ${this._options.path}`);
      }
      return;
    }
    if (this._closing) {
      this._refuseHttp(socket, peer, 503, 'shutting down');
      return;
    }
    const asked = wisp ? null : url.searchParams.get('target'); // Wisp names targets per stream
    if (asked !== null && !normalizeTarget(asked)) {
      this._refuseHttp(socket, peer, 400, `bad target ${JSON.stringify(asked.slice(0, 200))} (expected host:port)`);
      return;
    }
    const place = this._caps.take(clientKey(socket.remoteAddress));
    if (place.full) {
      const which = place.full === 'total'
        ? `${this.limits.maxConnections} in total` : `${this.limits.maxPerAddress} from this address`;
      this._refuseHttp(socket, peer, 503, `too many connections (${which})`, { 'Retry-After': RETRY_AFTER_S });
      return;
    }
    socket.once('close', place.release); // the place is held as long as the client's socket is open
    this.wss.handleUpgrade(request, socket, head, (ws) => this._accept(ws, request, socket, peer, asked, wisp));
  }

  _refuseHttp(socket, peer, status, why, headers = {}) {
    this.log(`refused ${peer}: HTTP ${status}, ${why}`);
    const body = `${why}\n`;
    const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, 'Connection: close', 'Content-Type: text/plain',
      `Content-Length: ${Buffer.byteLength(body)}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    if (socket.writable) socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
    else socket.destroy();
    setTimeout(() => socket.destroy(), WS_CLOSE_TIMEOUT_MS).unref(); // a client that does not read
  }

  _accept(ws, request, socket, peer, asked, wisp) {
    ws.on('error', () => {}); // e.g. frames after a refusal; `ws` closes the socket itself
    const origin = request.headers.origin;
    if (origin !== undefined && !this.origins.has(origin)) {
      this._refuseWs(ws, peer, `origin ${JSON.stringify(origin)} is not allowed`, 'origin not allowed');
      return;
    }
    const onClosed = () => {
      this._connections.delete(connection);
      if (this._connections.size === 0 && this._drained) this._drained();
    };
    let connection;
    if (wisp) {
      this.log(`wisp ${peer}`);
      connection = wispConnection(ws, {
        socket, peer, log: this.log, allowed: this.allowed, idleTimeout: this.limits.idleTimeout,
        streamCaps: this._streamCaps, onClosed,
      });
      this._connections.add(connection);
      return;
    }
    const target = asked === null
      ? (this.allowed.size === 1 ? [...this.allowed][0] : null)
      : (this.allowed.has(normalizeTarget(asked)) ? normalizeTarget(asked) : null);
    if (!target) {
      const named = asked === null ? '(none)' : JSON.stringify(asked.slice(0, 200));
      this._refuseWs(ws, peer, `target ${named} is not in the allow-list`, 'target not allowed');
      return;
    }
    this.log(`connect ${peer} -> ${target}`);
    connection = bridgeConnection(ws, target, {
      socket,
      peer,
      log: this.log,
      idleTimeout: this.limits.idleTimeout,
      onClosed,
    });
    this._connections.add(connection);
  }

  // Refused after the upgrade: the close frame carries the reason; whatever the client sends
  // meanwhile is dropped (no 'message' listener).
  _refuseWs(ws, peer, why, reason) {
    this.log(`refused ${peer}: ${why}`);
    ws.close(CLOSE.POLICY_VIOLATION, reason);
  }

  _stopListening() {
    this._closing = true;
    if (this._own) {
      this._own.dropPending();
      return new Promise((resolve) => this.server.close(() => resolve()));
    }
    this.server.off('upgrade', this._onUpgrade);
    return Promise.resolve();
  }

  /**
   * Graceful stop: no new connections; each open one gets close 1001 (WebSocket) and FIN (TCP);
   * those still open after `timeout` ms (default limits.shutdownTimeout) are cut.
   */
  async shutdown(timeout = this.limits.shutdownTimeout) {
    const stopped = this._stopListening();
    if (this._connections.size > 0) {
      const drained = new Promise((resolve) => { this._drained = resolve; });
      for (const c of this._connections) c.shutdown('shutdown');
      if (!await settlesWithin(drained, timeout)) {
        for (const c of this._connections) c.terminate('shutdown timeout');
        await settlesWithin(drained, 1000); // their close lines are logged
      }
    }
    for (const ws of this.wss.clients) ws.terminate(); // refused ones still closing
    this.wss.close();
    await stopped;
  }

  /** Stops listening and cuts every open connection (both sides) now. */
  async close() {
    const stopped = this._stopListening();
    for (const c of this._connections) c.terminate('bridge closed');
    this._connections.clear();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    await stopped;
  }
}
