// A FIFO of byte chunks read out with set/subarray: no per-byte loops, no concatenation.
export class ChunkQueue {
  constructor() {
    this._chunks = [];
    this._head = 0;     // index of the first chunk still (partly) unread
    this._offset = 0;   // bytes of that chunk already read
    this.length = 0;    // bytes queued
  }

  push(chunk) {
    this._chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Copies up to buf.length queued bytes into buf; returns how many. */
  readInto(buf) {
    let n = 0;
    while (n < buf.length && this._head < this._chunks.length) {
      const chunk = this._chunks[this._head];
      const take = Math.min(buf.length - n, chunk.length - this._offset);
      buf.set(chunk.subarray(this._offset, this._offset + take), n);
      n += take;
      this._offset += take;
      if (this._offset === chunk.length) {
        this._chunks[this._head++] = undefined;
        this._offset = 0;
      }
    }
    if (this._head === this._chunks.length) {
      this._chunks = [];
      this._head = 0;
    } else if (this._head > 1024) {
      this._chunks = this._chunks.slice(this._head);
      this._head = 0;
    }
    this.length -= n;
    return n;
  }
}
