// A Wisp (v1) client: many TCP streams over one WebSocket, the browser's or npm `ws`'s.
//   const wisp = new WispSession(new WebSocket('wss://proxy.example/'));
//   const s = await ssl.wrap_socket(wisp.connect('example.org', 443), { ... });
// Streams may be opened at once: their CONNECT packets wait for the WebSocket to open and for
// the server's first CONTINUE (stream 0), whose buffer size is each stream's initial credit.
// When the WebSocket closes or fails, or the server breaks the protocol, every open stream
// fails with ECONNRESET.
import { toBytes } from '../bytes.js';
import { DEFAULT_HIGH_WATER_MARK } from '../streams/host-stream.js';
import { ECONNRESET } from '../streams/transport-errno.js';
import * as wisp from './packets.js';
import { REASON } from './close-reasons.js';
import { WispStream } from './stream.js';

const CONNECTING = 0, OPEN = 1;
const DRAIN_POLL_MS = 5;
// DATA payload cap: a TLS record and a bit, well under any server's message limit.
const DEFAULT_MAX_DATA_SIZE = 32 * 1024;

export class WispSession {
  /**
   * @param {WebSocket | import('ws').WebSocket | string} ws  an open or opening WebSocket to
   *   a Wisp server, or its URL (then `options.WebSocket` or the global WebSocket opens it)
   * @param {{ highWaterMark?: number, maxDataSize?: number, WebSocket?: any }} [options]
   *   highWaterMark: bytes buffered in the WebSocket above which streams stop writing, and
   *   each stream's incoming queue mark; maxDataSize: largest DATA payload sent
   */
  constructor(ws, options = {}) {
    for (const name of ['highWaterMark', 'maxDataSize']) {
      const v = options[name];
      if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
        throw new RangeError(`WispSession: ${name} must be a positive integer, got ${JSON.stringify(v)}`);
      }
    }
    if (typeof ws === 'string') {
      const Ctor = options.WebSocket || globalThis.WebSocket;
      if (typeof Ctor !== 'function') {
        throw new TypeError('WispSession: no global WebSocket here; pass a WebSocket (e.g. from npm `ws`) or options.WebSocket');
      }
      ws = new Ctor(ws);
    }
    if (!ws || typeof ws.send !== 'function' || !('readyState' in ws) || typeof ws.addEventListener !== 'function') {
      throw new TypeError('WispSession: expected a WebSocket (browser or npm `ws`) or a ws:// URL');
    }
    this.ws = ws;
    this.highWaterMark = options.highWaterMark || DEFAULT_HIGH_WATER_MARK;
    this.maxDataSize = options.maxDataSize || DEFAULT_MAX_DATA_SIZE;
    /** Packets the server buffers per stream (its first CONTINUE); null until it arrived. */
    this.bufferSize = null;
    /** Why the session ended (a message), or null while it is usable. */
    this.error = null;
    this._streams = new Map();
    this._nextId = 1;
    this._pollTimer = null;
    this._isNodeWs = typeof ws.on === 'function' && typeof ws.pause === 'function';
    this._streamOptions = { highWaterMark: options.highWaterMark };
    if (!this._isNodeWs) ws.binaryType = 'arraybuffer';

    this.ready = new Promise((resolve, reject) => { this._ready = { resolve, reject }; });
    this.ready.catch(() => {}); // awaiting it is optional
    this._onMessage = (event) => this._receive(event.data);
    this._onClose = (event) => this._end(`WebSocket closed (${event.code})`);
    this._onError = () => this._end('WebSocket failed');
    ws.addEventListener('message', this._onMessage);
    ws.addEventListener('close', this._onClose);
    ws.addEventListener('error', this._onError);
    if (ws.readyState > OPEN) this._end('WebSocket closed');
  }

  /** Open streams. */
  get streams() { return this._streams.size; }

  /**
   * Opens a TCP stream to host:port through the server; usable at once as wrap_socket's sock.
   * A stream asked for after the session ended fails with ECONNRESET on first use.
   */
  connect(host, port) {
    if (typeof host !== 'string' || host === '' || host.length > 253 * 3) {
      throw new TypeError(`WispSession.connect: host must be a non-empty hostname or address, got ${JSON.stringify(host)}`);
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new RangeError(`WispSession.connect: port must be an integer 1..65535, got ${JSON.stringify(port)}`);
    }
    if (this._nextId > wisp.MAX_STREAM_ID) throw new RangeError('WispSession.connect: stream ids exhausted');
    const stream = new WispStream(this, this._nextId++, host, port, this._streamOptions);
    if (this.error) {
      stream._remoteClosed(REASON.NETWORK_ERROR, ECONNRESET);
      return stream;
    }
    this._streams.set(stream.id, stream);
    if (this.bufferSize !== null) this._open(stream);
    return stream;
  }

  /** Closes the WebSocket (1000); open streams fail with ECONNRESET. */
  close() {
    if (this.ws.readyState <= OPEN) this.ws.close(1000);
    this._end('closed by the client');
  }

  // ---- streams' side ---------------------------------------------------------------------------

  _canSend() {
    return !this.error && this.ws.readyState === OPEN && this.ws.bufferedAmount < this.highWaterMark;
  }

  _sendData(stream, bytes) {
    this._send(wisp.dataPacket(stream.id, bytes));
  }

  _closeStream(stream) {
    if (this._streams.get(stream.id) !== stream) return;
    this._streams.delete(stream.id);
    // A stream whose CONNECT has not gone out yet needs no CLOSE either.
    if (this.bufferSize !== null && !this.error) this._send(wisp.closePacket(stream.id, REASON.VOLUNTARY));
  }

  _send(packet) {
    if (this.ws.readyState !== OPEN) return;
    if (this._isNodeWs) this.ws.send(packet, { binary: true }, () => this._drained());
    else this.ws.send(packet);
  }

  // `ws` calls back when a frame is written; a browser WebSocket says nothing: poll.
  _drained() {
    if (!this._canSend() && !this.error) return;
    for (const stream of this._streams.values()) stream._writable();
  }

  _watchDrain() {
    if (this._isNodeWs || this._pollTimer || this.error || this.ws.readyState !== OPEN) return;
    const poll = () => {
      this._pollTimer = null;
      if (this._canSend() || this.ws.readyState !== OPEN) this._drained();
      else this._pollTimer = setTimeout(poll, DRAIN_POLL_MS);
    };
    this._pollTimer = setTimeout(poll, DRAIN_POLL_MS);
  }

  _open(stream) {
    stream.credit = this.bufferSize;
    this._send(wisp.connectPacket(stream.id, stream.host, stream.port));
    stream._writable();
  }

  // ---- the server's packets --------------------------------------------------------------------

  _receive(data) {
    if (this.error) return;
    if (typeof data === 'string') {
      this._protocolError('a text message');
      return;
    }
    const p = wisp.parsePacket(toBytes(data));
    if (p.error) {
      this._protocolError(p.error);
      return;
    }
    if (p.streamId === 0) {
      if (p.type === wisp.CONTINUE && this.bufferSize === null) {
        this.bufferSize = p.bufferRemaining;
        for (const stream of this._streams.values()) this._open(stream);
        this._ready.resolve();
      } else if (p.type !== wisp.CONTINUE) {
        this._protocolError(`packet type 0x${p.type.toString(16)} on stream 0`);
      }
      return;
    }
    const stream = this._streams.get(p.streamId);
    if (!stream) return; // closed here while the server was still sending: expected, ignored
    if (p.type === wisp.DATA) stream._push(p.data);
    else if (p.type === wisp.CONTINUE) stream._credit(p.bufferRemaining);
    else if (p.type === wisp.CLOSE) {
      this._streams.delete(stream.id);
      stream._remoteClosed(p.reason);
    } else this._protocolError(`packet type 0x${p.type.toString(16)} from the server`);
  }

  _protocolError(what) {
    this._end(`protocol error: ${what}`);
    if (this.ws.readyState <= OPEN) this.ws.close(1002, 'wisp protocol error');
  }

  /** The WebSocket is gone (or unusable): every stream fails with ECONNRESET. */
  _end(why) {
    if (this.error) return;
    this.error = why;
    clearTimeout(this._pollTimer);
    this.ws.removeEventListener('message', this._onMessage);
    this._ready.reject(new Error(`WispSession: ${why}`));
    const streams = [...this._streams.values()];
    this._streams.clear();
    for (const stream of streams) stream._remoteClosed(REASON.NETWORK_ERROR, ECONNRESET);
  }
}
