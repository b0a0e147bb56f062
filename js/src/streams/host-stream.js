// HostStream: the one shape every transport adapter takes, as the engine's imports need it
// (js/src/engine/engine-instance.js): synchronous read(buf) / write(buf) / close(), plus a readiness
// signal, whenReady('read' | 'write'), that blocking-mode promises wait on.
//
// Incoming bytes are kept as the chunks the transport delivered (no copy) in a ChunkQueue and
// copied into wasm memory with set/subarray when the engine reads. An adapter subclass feeds
// it with _push/_end/_fail, is told _pause()/_resume() around the high-water mark (incoming
// backpressure), and implements _send(bytes) (outgoing; returns the bytes taken or
// WOULD_BLOCK) and _close(). It calls _writable() when a blocked transport drains.
import { WOULD_BLOCK } from '../engine/engine-instance.js';
import { ChunkQueue } from './chunk-queue.js';
import { EIO, EPIPE } from './transport-errno.js';

export const DEFAULT_HIGH_WATER_MARK = 256 * 1024;
const EAGAIN = 11;

export class HostStream {
  /** @param {{ highWaterMark?: number }} [options] */
  constructor(options = {}) {
    this.highWaterMark = options.highWaterMark || DEFAULT_HIGH_WATER_MARK;
    this._inbox = new ChunkQueue();
    this._ended = false;      // the transport delivered its last byte
    this._errno = 0;          // a transport failure (positive errno), reported once drained
    this._closed = false;     // the engine (or the user) is done with the stream
    this._paused = false;
    this._waiters = { read: [], write: [] };
  }

  // ---- the engine's side (synchronous) ------------------------------------------------------

  read(buf) {
    if (this._inbox.length > 0) {
      const n = this._inbox.readInto(buf);
      if (this._paused && this._inbox.length <= this.highWaterMark / 2) {
        this._paused = false;
        this._resume();
      }
      return n;
    }
    if (this._errno) return -this._errno;
    if (this._ended || this._closed) return 0;
    return WOULD_BLOCK;
  }

  write(buf) {
    if (this._errno) return -this._errno;
    if (this._closed) return -EPIPE;
    return this._send(buf);
  }

  close() {
    if (this._closed) return;
    this._closed = true;
    this._close();
    this._wakeAll();
  }

  /** Lets go of the transport without closing it (wrap_socket failed before any I/O). */
  detach() {
    this._closed = true;
    this._detach();
  }

  /** Resolves when read (or write) may make progress: data, space, end, error or close. */
  whenReady(direction) {
    if (this._isReady(direction)) return Promise.resolve();
    return new Promise((resolve) => this._waiters[direction].push(resolve));
  }

  // ---- the transport's side (called by adapters) -------------------------------------------

  /** Incoming bytes; the queue keeps `chunk` itself, so adapters pass chunks they own. */
  _push(chunk) {
    if (this._closed || chunk.length === 0) return;
    this._inbox.push(chunk);
    if (!this._paused && this._inbox.length > this.highWaterMark) {
      this._paused = true;
      this._pause();
    }
    this._wake('read');
  }

  _end() {
    this._ended = true;
    this._wakeAll();
  }

  /**
   * A transport failure; errno is positive (104 = ECONNRESET, ...). Anything else, and EAGAIN
   * (whose negative is the engine's would-block), is EIO: a failed transport never reads as
   * "try again" or as an mbedtls code.
   */
  _fail(errno) {
    if (!Number.isInteger(errno) || errno < 1 || errno > 255 || errno === EAGAIN) errno = EIO;
    if (!this._errno) this._errno = errno;
    this._wakeAll();
  }

  _writable() {
    this._wake('write');
  }

  // ---- for subclasses ------------------------------------------------------------------------

  _send(_bytes) { return WOULD_BLOCK; }
  _close() {}
  _detach() {}
  _pause() {}
  _resume() {}
  /** Whether _send would take bytes now (subclasses with a buffer limit override it). */
  _canSend() { return true; }

  _isReady(direction) {
    if (this._errno || this._closed) return true;
    if (direction === 'read') return this._inbox.length > 0 || this._ended;
    return this._canSend();
  }

  _wake(direction) {
    const waiters = this._waiters[direction];
    if (waiters.length === 0 || !this._isReady(direction)) return;
    this._waiters[direction] = [];
    for (const resolve of waiters) resolve();
  }

  _wakeAll() {
    this._wake('read');
    this._wake('write');
  }
}
