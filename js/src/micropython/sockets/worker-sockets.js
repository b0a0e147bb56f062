// Sockets for a MicroPython that runs in a Worker (Node worker_threads or a browser Worker):
// blocking reads and writes really block, in Atomics.wait() on memory shared with the thread
// that owns the transports (socket-host.js), so Python code runs as it does on a board. That
// thread's event loop keeps moving bytes while this one waits.
import { WOULD_BLOCK } from '../../engine/engine-instance.js';
import {
  SharedSocketMemory, MESSAGE_TAG, STATE, ERRNO, EOF, OUT_DONE, HOST_WAITING, SIGNAL, LOCAL_PORT, OPEN, FAILED,
  ADDRESS_RECORD, LISTENER_RING_BYTES, decodeAddress,
} from './shared-memory.js';
import { POLLIN, POLLOUT, POLLERR } from './poll-flags.js';

const EBADF = 9, ETIMEDOUT = 110;
const OUTGOING_LIMIT = 1 << 18; // bytes handed over but not yet taken by the transport

class WorkerSocket {
  constructor(heap, port, id, memory, remote = null) {
    this.remote = remote; // [host, port] of an accepted connection
    this._heap = heap;
    this._port = port;
    this._id = id;
    this._m = memory;
    this._posted = 0; // bytes ever handed to the host (compared with OUT_DONE)
    this._closed = false;
  }

  // Polls cond() until it answers (not null), WOULD_BLOCK for timeoutMs 0, -ETIMEDOUT after
  // timeoutMs > 0, forever for timeoutMs < 0.
  _until(cond, timeoutMs) {
    if (this._closed) return -EBADF;
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : 0;
    for (;;) {
      const seen = this._m.get(SIGNAL);
      const r = cond();
      if (r !== null) return r;
      if (timeoutMs === 0) return WOULD_BLOCK;
      const left = timeoutMs < 0 ? Infinity : deadline - Date.now();
      if (left <= 0) return -ETIMEDOUT;
      Atomics.wait(this._m.header, SIGNAL, seen, left);
    }
  }

  _failure() {
    const errno = this._m.get(ERRNO);
    return errno ? -errno : null;
  }

  _readable() {
    const m = this._m;
    if (m.buffered() > 0) return 1;
    return this._failure() ?? (m.get(EOF) ? 0 : null);
  }

  _room() {
    const failed = this._failure();
    if (failed !== null) return failed;
    if (this._m.get(STATE) !== OPEN) return null;
    const room = OUTGOING_LIMIT - ((this._posted - this._m.get(OUT_DONE)) | 0);
    return room > 0 ? room : null;
  }

  connected(timeoutMs) {
    return this._until(() => {
      const state = this._m.get(STATE);
      if (state === OPEN) return 1;
      return state === FAILED ? -this._m.get(ERRNO) : null;
    }, timeoutMs);
  }

  // One step each way, null when it must wait; `view()` is where the bytes are (taken only
  // once they move, as memory may have grown while this thread waited).
  _take(view) {
    const r = this._readable();
    if (r !== 1) return r;
    const n = this._m.drainInto(view());
    if (this._m.get(HOST_WAITING)) {
      this._m.set(HOST_WAITING, 0);
      this._post({ op: 'room' });
    }
    return n;
  }

  _give(view, len) {
    const room = this._room();
    if (room === null || room < 0) return room;
    const n = Math.min(len, room);
    const bytes = view(n).slice();
    this._post({ op: 'send', bytes }, [bytes.buffer]); // transferred: bytes is empty after this
    this._posted = (this._posted + n) | 0;
    return n;
  }

  recv_into(addr, len, timeoutMs) {
    return this._until(() => this._take(() => this._heap.view(addr, len)), timeoutMs);
  }

  send(addr, len, timeoutMs) {
    return this._until(() => this._give((n) => this._heap.view(addr, n), len), timeoutMs);
  }

  // As a HostStream reads and writes, never waiting: what a TLS connection's engine pulls
  // through its imports (tls-binding.js); Python waits between its calls.
  read(buf) { return this._until(() => this._take(() => buf), 0); }

  write(buf) { return this._until(() => this._give((n) => buf.subarray(0, n), buf.length), 0); }

  /** Blocks until reading (or writing) can make progress: 1, or -ETIMEDOUT / WOULD_BLOCK. */
  wait(readable, timeoutMs) {
    return this._until(() => {
      const r = readable ? this._readable() : this._room();
      return r === null ? null : 1;
    }, timeoutMs);
  }

  /** Which of POLLIN / POLLOUT in `flags` would not block now; POLLERR once it failed. */
  poll(flags) {
    if (this._closed) return 0;
    if (this._failure() !== null) return (flags & (POLLIN | POLLOUT)) | POLLERR;
    return ((flags & POLLIN) && this._readable() !== null ? POLLIN : 0)
      | ((flags & POLLOUT) && this._room() !== null ? POLLOUT : 0);
  }

  wait_readable() { return this._waitAsync(() => this._readable() !== null); }
  wait_writable() { return this._waitAsync(() => this._room() !== null); }

  // The same waiting without blocking, for Python code that awaits.
  async _waitAsync(ready) {
    for (;;) {
      const seen = this._m.get(SIGNAL);
      if (this._closed || ready()) return;
      const r = Atomics.waitAsync ? Atomics.waitAsync(this._m.header, SIGNAL, seen) : null;
      if (r && r.async) await r.value;
      else if (!r) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close() {
    if (this._closed) return;
    this._closed = true;
    this._post({ op: 'close' });
  }

  _post(message, transfer) {
    this._port.postMessage({ [MESSAGE_TAG]: message.op, id: this._id, ...message }, transfer);
  }
}

// A listening socket: its ring holds the addresses of the connections waiting to be accepted
// (socket-host.js HostedListener); accept() takes one and asks the host for its transport.
class WorkerListener extends WorkerSocket {
  constructor(heap, port, id, memory, newId) {
    super(heap, port, id, memory);
    this._newId = newId;
  }

  _readable() {
    return this._m.buffered() >= ADDRESS_RECORD ? 1 : this._failure();
  }

  _room() { return this._failure(); }

  listening(timeoutMs) { return this.connected(timeoutMs); }

  port() { return this._m.get(LOCAL_PORT); }

  accept(timeoutMs) {
    return this._until(() => {
      const r = this._readable();
      if (r !== 1) return r;
      const record = new Uint8Array(ADDRESS_RECORD);
      this._m.drainInto(record);
      const memory = new SharedSocketMemory();
      const id = this._newId();
      this._post({ op: 'accept', socket: id, sab: memory.sab });
      return new WorkerSocket(this._heap, this._port, id, memory, decodeAddress(record));
    }, timeoutMs);
  }
}

/**
 * The sockets of a MicroPython in a Worker.
 * @param {{ postMessage: Function }} port  the channel to the thread that calls
 *   serveWorkerSockets(): `parentPort` (node:worker_threads) or `self` (a browser Worker)
 */
export function workerSockets(port) {
  let nextId = 1;
  const napCell = new Int32Array(new SharedArrayBuffer(4));
  return {
    canBlock: true,
    nap(ms) { Atomics.wait(napCell, 0, 0, ms); },
    open(heap, host, portNumber) {
      const memory = new SharedSocketMemory();
      const id = nextId++;
      port.postMessage({ [MESSAGE_TAG]: 'open', id, host, port: portNumber, sab: memory.sab });
      return new WorkerSocket(heap, port, id, memory);
    },
    listen(heap, host, portNumber, backlog) {
      const memory = new SharedSocketMemory(null, LISTENER_RING_BYTES);
      const id = nextId++;
      port.postMessage({ [MESSAGE_TAG]: 'listen', id, host, port: portNumber, backlog, sab: memory.sab });
      return new WorkerListener(heap, port, id, memory, () => nextId++);
    },
  };
}
