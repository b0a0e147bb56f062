// Sockets for a MicroPython that runs on the same thread as its transports (the main thread of
// a page or of Node): nothing here may wait, because the bytes arrive through this thread's
// own event loop. Reads and writes answer at once; Python awaits wait_readable() /
// wait_writable() (promises) between them.
import { WOULD_BLOCK } from '../../engine/engine-instance.js';

const EINVAL = 22;

class DirectSocket {
  constructor(heap, { stream, ready }) {
    this._heap = heap;
    this._stream = stream;
    this._errno = 0;
    this._open = false;
    this._ready = ready.then(() => { this._open = true; }, (errno) => { this._errno = errno; });
  }

  /** 1 once connected, WOULD_BLOCK while connecting, -errno when it failed. */
  connected() {
    if (this._errno) return -this._errno;
    return this._open ? 1 : WOULD_BLOCK;
  }

  // The timeouts of the worker sockets' methods mean nothing here: nothing waits.
  recv_into(addr, len) {
    const c = this.connected();
    return c === 1 ? this._stream.read(this._heap.view(addr, len)) : c;
  }

  send(addr, len) {
    const c = this.connected();
    return c === 1 ? this._stream.write(this._heap.view(addr, len)) : c;
  }

  /** Waiting without giving the event loop a turn cannot succeed here. */
  wait() {
    const c = this.connected();
    return c === 1 ? WOULD_BLOCK : c;
  }

  wait_readable() { return this._ready.then(() => this._stream.whenReady('read')); }
  wait_writable() { return this._ready.then(() => this._stream.whenReady('write')); }

  close() { this._stream.close(); }
}

/**
 * @param {(host: string, port: number) => { stream, ready }} connect  see connectors.js
 */
export function directSockets(connect) {
  return {
    open(heap, host, port) {
      try {
        return new DirectSocket(heap, connect(host, port));
      } catch {
        return -EINVAL; // an address the transport refuses outright (a port out of range, ...)
      }
    },
  };
}
