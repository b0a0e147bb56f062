// Any Node net.Socket or stream.Duplex as a host stream. Incoming chunks are queued as Node
// delivers them (no copy); the source is paused above the high-water mark. Outgoing bytes are
// written while the socket takes them; after write() returns false, the engine sees
// WOULD_BLOCK until 'drain'. A net.Socket is switched to no-delay.
import { WOULD_BLOCK } from '../engine/engine-instance.js';
import { HostStream } from './host-stream.js';
import { transportErrno, EPIPE } from './transport-errno.js';
import { toBytes } from '../bytes.js';

export class NodeStreamHost extends HostStream {
  /** @param {import('node:stream').Duplex} socket */
  constructor(socket, options) {
    super(options);
    this.socket = socket;
    this._wasFlowing = socket.readableFlowing === true;
    this._onData = (chunk) => this._push(toBytes(chunk)); // Buffers as they are; strings if setEncoding() was called
    this._onEnd = () => this._end();
    this._onError = (err) => this._fail(transportErrno(err));
    this._onClose = () => this._end();
    this._onDrain = () => this._writable();
    socket.on('data', this._onData);
    socket.on('end', this._onEnd);
    socket.on('error', this._onError);
    socket.on('close', this._onClose);
    socket.on('drain', this._onDrain);
    // TLS hands the socket whole records; Nagle's algorithm would only hold the second of two
    // small writes back until the peer's delayed ACK (~40 ms on loopback).
    if (typeof socket.setNoDelay === 'function') socket.setNoDelay(true);
    if (socket.readableEnded) this._end();
    if (socket.destroyed) this._end();
  }

  _canSend() {
    return !this.socket.writableNeedDrain || !this.socket.writable;
  }

  _send(bytes) {
    const socket = this.socket;
    if (!socket.writable) return -EPIPE;
    if (socket.writableNeedDrain) return WOULD_BLOCK;
    socket.write(bytes.slice()); // bytes is a view of wasm memory: the socket gets a copy
    return bytes.length;
  }

  _pause() { this.socket.pause(); }
  _resume() { this.socket.resume(); }

  _detach() {
    const socket = this.socket;
    for (const [event, fn] of [['data', this._onData], ['end', this._onEnd], ['error', this._onError],
      ['close', this._onClose], ['drain', this._onDrain]]) socket.off(event, fn);
    if (!this._wasFlowing) socket.pause(); // our 'data' listener set it flowing: nothing may be lost
  }

  _close() {
    const socket = this.socket;
    socket.off('data', this._onData);
    socket.off('drain', this._onDrain);
    socket.resume(); // let anything still arriving drain away
    if (socket.destroyed) return;
    // Half-close after the last bytes (close_notify) are flushed, then release the socket.
    socket.end(() => socket.destroy());
  }
}
