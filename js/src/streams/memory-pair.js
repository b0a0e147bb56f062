// Two host streams joined back to back in memory: what one end writes, the other reads. For
// tests and for joining a wasm client to a wasm server in one process. Each end holds at most
// `capacity` unread bytes; a writer facing a full peer gets WOULD_BLOCK until the peer reads.
import { WOULD_BLOCK } from '../engine/engine-instance.js';
import { HostStream, DEFAULT_HIGH_WATER_MARK } from './host-stream.js';
import { EPIPE } from './transport-errno.js';

class MemoryEnd extends HostStream {
  constructor(capacity) {
    super({ highWaterMark: capacity });
    this.peer = null;
  }

  read(buf) {
    const n = super.read(buf);
    if (n > 0) this.peer._writable();
    return n;
  }

  _canSend() {
    return this.peer._closed || this.peer._inbox.length < this.highWaterMark;
  }

  _send(bytes) {
    if (this.peer._closed) return -EPIPE; // nobody will read it
    const room = this.highWaterMark - this.peer._inbox.length;
    if (room <= 0) return WOULD_BLOCK;
    const n = Math.min(room, bytes.length);
    this.peer._push(bytes.slice(0, n)); // bytes is a view of wasm memory: copy
    return n;
  }

  _close() {
    this.peer._end();
    this.peer._writable(); // a writer waiting for room learns that nobody reads any more
  }
}

/**
 * @param {{ capacity?: number }} [options]  unread bytes each end may hold (default 256 KiB)
 * @returns {[HostStream, HostStream]}
 */
export function memoryPair(options = {}) {
  const capacity = options.capacity || DEFAULT_HIGH_WATER_MARK;
  const a = new MemoryEnd(capacity);
  const b = new MemoryEnd(capacity);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
