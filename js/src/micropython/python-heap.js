// MicroPython's linear memory, read and written in place so that Python `bytes` cross into the
// engine in one copy. The MicroPython build exports no view of its memory; the one way in that
// its public API leaves open is its file system: a device's write() receives the module's whole
// heap as its buffer. Python names a buffer by `uctypes.addressof(buf)`; MicroPython's garbage
// collector never moves objects, so that address holds for as long as Python keeps `buf`.
const DEVICE_PATH = '/dev/wasm-ssl-heap';

export class PythonHeap {
  /** @param {object} mp  a loaded MicroPython (`loadMicroPython()`): only `mp.FS` is used */
  constructor(mp) {
    this._buffer = null;
    this._bytes = new Uint8Array(0);
    this._touch = null;
    const FS = mp.FS;
    if (FS.analyzePath(DEVICE_PATH).exists) {
      throw new Error('wasm-ssl: another copy of the package is installed in this MicroPython already');
    }
    let major = 64;
    while (FS.getDevice(FS.makedev(major, 0))) major++;
    const dev = FS.makedev(major, 0);
    FS.registerDevice(dev, {
      open() {},
      close() {},
      read() { return 0; },
      write: (stream, heap, offset, length) => {
        this._buffer = heap.buffer;
        return length;
      },
    });
    FS.mkdev(DEVICE_PATH, dev);
  }

  static get devicePath() { return DEVICE_PATH; }

  /**
   * @param {Function} touch  a Python callable that writes one byte to `devicePath`; called
   *   whenever the heap has not been seen yet or has grown (which detaches the old buffer).
   */
  attach(touch) {
    this._touch = touch;
  }

  /** The whole heap as bytes, current after any memory growth. */
  bytes() {
    if (this._buffer === null || this._buffer.byteLength === 0) {
      if (this._touch !== null) this._touch();
      if (this._buffer === null) throw new Error('wasm-ssl: MicroPython has not shown its heap (import tls first)');
    }
    if (this._bytes.buffer !== this._buffer) this._bytes = new Uint8Array(this._buffer);
    return this._bytes;
  }

  /** A view of len bytes at addr (valid until the next call into Python). */
  view(addr, len) {
    return this.bytes().subarray(addr, addr + len);
  }

  /** Copies src into Python memory at addr. */
  write(addr, src) {
    this.bytes().set(src, addr);
  }
}
