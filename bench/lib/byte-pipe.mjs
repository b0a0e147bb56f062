// An in-memory pipe of host streams for the raw engine ABI (js/src/engine): each end reads what
// the other wrote. No per-byte loops: a growable buffer per direction, bulk copies only, so a
// measurement is the engine's and not the benchmark host's.
import { WOULD_BLOCK } from '../../js/src/engine/index.js';

class ByteQueue {
  constructor() {
    this.buf = new Uint8Array(1 << 16);
    this.start = 0;
    this.end = 0;
    this.closed = false;
  }

  push(src) {
    const len = this.end - this.start;
    if (this.end + src.length > this.buf.length) {
      if (len + src.length <= this.buf.length / 2) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        let size = this.buf.length * 2;
        while (size < (len + src.length) * 2) size *= 2;
        const bigger = new Uint8Array(size);
        bigger.set(this.buf.subarray(this.start, this.end));
        this.buf = bigger;
      }
      this.start = 0;
      this.end = len;
    }
    this.buf.set(src, this.end);
    this.end += src.length;
  }

  shift(dst) {
    const n = Math.min(dst.length, this.end - this.start);
    if (n === 0) return this.closed ? 0 : WOULD_BLOCK;
    dst.set(this.buf.subarray(this.start, this.start + n));
    this.start += n;
    if (this.start === this.end) this.start = this.end = 0;
    return n;
  }
}

/** Two connected host streams: [clientEnd, serverEnd]. */
export function bytePipe() {
  const toServer = new ByteQueue(), toClient = new ByteQueue();
  const end = (inbox, outbox) => ({
    read: (buf) => inbox.shift(buf),
    write: (buf) => { outbox.push(buf); return buf.length; },
    close: () => { outbox.closed = true; },
  });
  return [end(toClient, toServer), end(toServer, toClient)];
}
