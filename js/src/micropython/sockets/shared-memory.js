// What one socket of a Worker shares with the thread that owns its transport: a header of
// counters and a ring of incoming bytes, in a SharedArrayBuffer. Each counter has one writer;
// every change the worker may be waiting for bumps SIGNAL, which it Atomics.wait()s on.
export const STATE = 0;        // CONNECTING, OPEN or FAILED                  (host writes)
export const ERRNO = 1;        // the transport's failure, positive errno      (host)
export const EOF = 2;          // 1 once the peer ended, after the ring's data (host)
export const IN_HEAD = 3;      // bytes ever put into the ring                 (host)
export const IN_TAIL = 4;      // bytes ever taken out of the ring             (worker)
export const OUT_DONE = 5;     // bytes ever handed to the transport           (host)
export const HOST_WAITING = 6; // 1 while the host holds bytes the ring had no room for
export const SIGNAL = 7;
export const LOCAL_PORT = 8;   // a listening socket's bound port              (host)

export const CONNECTING = 0, OPEN = 1, FAILED = 2;

const HEADER_BYTES = 64;
export const RING_BYTES = 1 << 18; // a power of two: positions wrap with the 32-bit counters

export class SharedSocketMemory {
  /**
   * @param {SharedArrayBuffer} [sab]  an existing one (the host's side), or a new one
   * @param {number} [ringBytes]  a power of two, for a new one
   */
  constructor(sab = null, ringBytes = RING_BYTES) {
    sab = sab || new SharedArrayBuffer(HEADER_BYTES + ringBytes);
    this.sab = sab;
    this.header = new Int32Array(sab, 0, HEADER_BYTES / 4);
    this.ring = new Uint8Array(sab, HEADER_BYTES);
  }

  get(i) { return Atomics.load(this.header, i); }
  set(i, value) { Atomics.store(this.header, i, value); }

  /** Wakes the worker (whatever it waits for, it looks again). */
  signal() {
    Atomics.add(this.header, SIGNAL, 1);
    Atomics.notify(this.header, SIGNAL);
  }

  buffered() { return (this.get(IN_HEAD) - this.get(IN_TAIL)) | 0; }

  // The ring as at most two segments starting at counter `at`, `len` bytes long.
  _segments(at, len) {
    const start = (at >>> 0) % this.ring.length;
    const first = Math.min(len, this.ring.length - start);
    return [this.ring.subarray(start, start + first), this.ring.subarray(0, len - first)];
  }

  /**
   * Host: reads from a HostStream into the ring's free space. Returns the stream's answer (bytes
   * moved, 0 at its end, WOULD_BLOCK, -errno), or null when the ring is full.
   */
  fillFrom(stream) {
    const free = this.ring.length - this.buffered();
    if (free === 0) return null;
    const [a, b] = this._segments(this.get(IN_HEAD), free);
    let n = stream.read(a);
    if (n === a.length && b.length > 0) {
      const m = stream.read(b);
      if (m > 0) n += m; // an end or error after the data is seen on the next call
    }
    if (n > 0) {
      Atomics.add(this.header, IN_HEAD, n);
      this.signal();
    }
    return n;
  }

  /** Host: appends bytes whole if the ring has room for them; returns whether it had. */
  put(bytes) {
    if (this.ring.length - this.buffered() < bytes.length) return false;
    const [a, b] = this._segments(this.get(IN_HEAD), bytes.length);
    a.set(bytes.subarray(0, a.length));
    b.set(bytes.subarray(a.length));
    Atomics.add(this.header, IN_HEAD, bytes.length);
    this.signal();
    return true;
  }

  /** Worker: moves up to target.length buffered bytes into target; returns how many. */
  drainInto(target) {
    const n = Math.min(target.length, this.buffered());
    const [a, b] = this._segments(this.get(IN_TAIL), n);
    target.set(a, 0);
    target.set(b, a.length);
    Atomics.add(this.header, IN_TAIL, n);
    return n;
  }
}

/** The tag of the messages a worker's sockets exchange with their host. */
export const MESSAGE_TAG = 'wasmSslSocket';

// A listening socket's ring holds one record per connection waiting to be accepted: the
// peer's address, so that accept() can return it without a message round trip.
export const ADDRESS_RECORD = 64; // [host length][host, UTF-8]…[port, 2 bytes big-endian]
export const LISTENER_RING_BYTES = 4096;

export function encodeAddress([host, port]) {
  const record = new Uint8Array(ADDRESS_RECORD);
  const name = new TextEncoder().encode(String(host || '')).subarray(0, ADDRESS_RECORD - 3);
  record[0] = name.length;
  record.set(name, 1);
  record[ADDRESS_RECORD - 2] = (port >> 8) & 0xff;
  record[ADDRESS_RECORD - 1] = port & 0xff;
  return record;
}

export function decodeAddress(record) {
  const host = new TextDecoder().decode(record.subarray(1, 1 + record[0]));
  return [host, (record[ADDRESS_RECORD - 2] << 8) | record[ADDRESS_RECORD - 1]];
}
