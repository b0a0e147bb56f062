// A WebSocket as a host stream: the browser's WebSocket or npm `ws` (both through the
// standard addEventListener interface), one binary frame per engine write. Incoming frames are
// queued as delivered; `ws` is paused above the high-water mark (a browser WebSocket cannot
// be). Writes return WOULD_BLOCK while connecting or while bufferedAmount is above the mark;
// writers are woken by `ws`'s send callback, or by polling bufferedAmount in a browser (it has
// no drain event). A clean close (1000, or no status) is end of stream; anything else, a reset.
import { WOULD_BLOCK } from '../engine/engine-instance.js';
import { HostStream } from './host-stream.js';
import { ECONNRESET, EPIPE } from './transport-errno.js';
import { toBytes } from '../bytes.js';

const CONNECTING = 0, OPEN = 1;
const DRAIN_POLL_MS = 5;

export class WebSocketHost extends HostStream {
  constructor(ws, options) {
    super(options);
    this.ws = ws;
    this._isNodeWs = typeof ws.on === 'function' && typeof ws.pause === 'function';
    this._errored = false;
    this._pollTimer = null;
    if (!this._isNodeWs) ws.binaryType = 'arraybuffer';
    this._onMessage = (event) => this._push(toBytes(event.data));
    this._onOpen = () => this._writable();
    this._onError = () => { this._errored = true; };
    this._onClose = (event) => {
      clearTimeout(this._pollTimer);
      const clean = !this._errored && (event.code === 1000 || event.code === 1005);
      if (clean) this._end(); else this._fail(ECONNRESET);
    };
    ws.addEventListener('message', this._onMessage);
    ws.addEventListener('open', this._onOpen);
    ws.addEventListener('error', this._onError);
    ws.addEventListener('close', this._onClose);
    if (ws.readyState > OPEN) this._end();
  }

  _canSend() {
    return this.ws.readyState !== CONNECTING && this.ws.bufferedAmount < this.highWaterMark;
  }

  _send(bytes) {
    const ws = this.ws;
    if (ws.readyState > OPEN) return -EPIPE;
    if (!this._canSend()) {
      this._watchDrain();
      return WOULD_BLOCK;
    }
    const frame = bytes.slice(); // bytes is a view of wasm memory: the frame gets a copy
    if (this._isNodeWs) ws.send(frame, { binary: true }, () => this._writable());
    else ws.send(frame);
    return bytes.length;
  }

  // A browser WebSocket says nothing when its buffer drains: look again shortly.
  _watchDrain() {
    if (this._isNodeWs || this.ws.readyState === CONNECTING || this._pollTimer) return;
    const poll = () => {
      this._pollTimer = null;
      if (this._canSend() || this.ws.readyState > OPEN) this._writable();
      else this._pollTimer = setTimeout(poll, DRAIN_POLL_MS);
    };
    this._pollTimer = setTimeout(poll, DRAIN_POLL_MS);
  }

  _pause() { if (this._isNodeWs) this.ws.pause(); }
  _resume() { if (this._isNodeWs) this.ws.resume(); }

  _detach() {
    clearTimeout(this._pollTimer);
    for (const [event, fn] of [['message', this._onMessage], ['open', this._onOpen], ['error', this._onError],
      ['close', this._onClose]]) this.ws.removeEventListener(event, fn);
  }

  _close() {
    clearTimeout(this._pollTimer);
    this.ws.removeEventListener('message', this._onMessage);
    if (this._isNodeWs && this.ws.isPaused) this.ws.resume();
    if (this.ws.readyState <= OPEN) this.ws.close(1000);
  }
}
