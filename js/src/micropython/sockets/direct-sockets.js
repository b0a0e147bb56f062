// Sockets for a MicroPython that runs on the same thread as its transports (the main thread of
// a page or of Node): nothing here may wait, because the bytes arrive through this thread's
// own event loop. Reads and writes answer at once; Python awaits wait_readable() /
// wait_writable() (promises) between them, or polls (select.poll) and tries again.
import { WOULD_BLOCK } from '../../engine/engine-instance.js';
import { POLLIN, POLLOUT, POLLERR } from './poll-flags.js';

const EINVAL = 22, EOPNOTSUPP = 95;

class DirectSocket {
  constructor(heap, { stream, ready, remote }) {
    this._heap = heap;
    this._stream = stream;
    this._errno = 0;
    this._open = false;
    this.remote = remote || null; // [host, port] of an accepted connection
    this._ready = ready.then(() => { this._open = true; }, (errno) => { this._errno = errno; });
  }

  /** 1 once connected, WOULD_BLOCK while connecting, -errno when it failed. */
  connected() {
    if (this._errno) return -this._errno;
    return this._open ? 1 : WOULD_BLOCK;
  }

  // As a HostStream reads and writes (bytes, 0 at end, WOULD_BLOCK or -errno): what a TLS
  // connection's engine pulls through its imports (tls-binding.js), and Python's recv/send.
  read(buf) {
    const c = this.connected();
    return c === 1 ? this._stream.read(buf) : c;
  }

  write(buf) {
    const c = this.connected();
    return c === 1 ? this._stream.write(buf) : c;
  }

  // The timeouts of the worker sockets' methods mean nothing here: nothing waits.
  recv_into(addr, len) { return this.read(this._heap.view(addr, len)); }

  send(addr, len) { return this.write(this._heap.view(addr, len)); }

  /** Which of POLLIN / POLLOUT in `flags` would not block now; POLLERR once it failed. */
  poll(flags) {
    if (this._errno) return (flags & (POLLIN | POLLOUT)) | POLLERR;
    if (!this._open) return 0;
    return ((flags & POLLIN) && this._stream._isReady('read') ? POLLIN : 0)
      | ((flags & POLLOUT) && this._stream._isReady('write') ? POLLOUT : 0);
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

// A listening socket: connections queue here until Python accepts them.
class DirectListener {
  constructor(heap, listen, host, port, backlog) {
    this._heap = heap;
    this._queue = [];
    this._waiters = [];
    this._errno = 0;
    this._port = 0;
    this._closed = false;
    this._server = listen(host, port, backlog, (conn) => {
      if (this._closed) conn.stream.close();
      else this._queue.push(conn);
      this._wake();
    });
    this._server.ready.then((bound) => { this._port = bound; this._wake(); }, (errno) => { this._errno = errno; this._wake(); });
  }

  _wake() {
    const waiters = this._waiters;
    this._waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** 1 once listening, WOULD_BLOCK until then, -errno when it failed. */
  listening() {
    if (this._errno) return -this._errno;
    return this._port ? 1 : WOULD_BLOCK;
  }

  port() { return this._port; }

  /** A connected socket, WOULD_BLOCK when none is waiting, or -errno. */
  accept() {
    if (this._errno) return -this._errno;
    const conn = this._queue.shift();
    return conn ? new DirectSocket(this._heap, conn) : WOULD_BLOCK;
  }

  poll(flags) {
    if (this._errno) return (flags & POLLIN) | POLLERR;
    return (flags & POLLIN) && this._queue.length ? POLLIN : 0;
  }

  wait() { return this._errno ? -this._errno : WOULD_BLOCK; }

  wait_readable() {
    if (this._errno || this._queue.length || this._closed) return Promise.resolve();
    return new Promise((resolve) => this._waiters.push(resolve)).then(() => this.wait_readable());
  }

  close() {
    this._closed = true;
    this._server.close();
    for (const conn of this._queue.splice(0)) conn.stream.close();
    this._wake();
  }
}

/**
 * @param {(host: string, port: number) => { stream, ready }} connect  see connectors.js
 * @param {Function} [listen]  a listener (connectors.js tcpListener()); without one, server
 *   sockets answer EOPNOTSUPP (a browser)
 */
export function directSockets(connect, listen) {
  return {
    open(heap, host, port) {
      try {
        return new DirectSocket(heap, connect(host, port));
      } catch {
        return -EINVAL; // an address the transport refuses outright (a port out of range, ...)
      }
    },
    listen(heap, host, port, backlog) {
      if (!listen) return -EOPNOTSUPP;
      try {
        return new DirectListener(heap, listen, host, port, backlog);
      } catch {
        return -EINVAL;
      }
    },
  };
}
