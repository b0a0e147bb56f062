// Engine: the wasm module's C ABI (include/wasm_ssl.h) as seen from JavaScript, the same for
// the emscripten and the WASI build. It owns the table of host streams that the module's two
// imports (wasm_ssl.stream_read / stream_write) are served from.
//
// A host stream is any object with
//   read(buf: Uint8Array): number   bytes copied into buf, 0 at end, WOULD_BLOCK, or -errno
//   write(buf: Uint8Array): number  bytes taken from buf, WOULD_BLOCK, or -errno
//   close(): void                   the engine is done with the stream (after close_notify)
// Both must return at once: the engine calls them synchronously from inside wasm.

import { IO_WOULD_BLOCK, EBADF } from './abi.js';

export const WOULD_BLOCK = IO_WOULD_BLOCK; // -EAGAIN, what a host stream returns to say "later"

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

export class Engine {
  /**
   * @param {object} exports   the instance's exports (wssl_* functions, memory)
   * @param {string} runtime   'emscripten' | 'wasi'
   */
  constructor(exports, runtime) {
    this.exports = exports;
    this.runtime = runtime;
    this.streams = new Map();
    this.nextStream = 1;
    this._view = new Uint8Array(0);
  }

  /** The imports object for module "wasm_ssl"; bound before instantiation. */
  static imports(getEngine) {
    return {
      stream_read(stream, ptr, len) {
        return getEngine()._streamRead(stream, ptr, len);
      },
      stream_write(stream, ptr, len) {
        return getEngine()._streamWrite(stream, ptr, len);
      },
    };
  }

  /** The module's memory as bytes; a fresh view whenever memory has grown. */
  get heap() {
    const buffer = this.exports.memory.buffer;
    if (this._view.buffer !== buffer) this._view = new Uint8Array(buffer);
    return this._view;
  }

  /** Registers a host stream; returns the number the engine will pass to the imports. */
  addStream(stream) {
    const id = this.nextStream++;
    this.streams.set(id, stream);
    return id;
  }

  removeStream(id) {
    this.streams.delete(id);
  }

  _streamRead(id, ptr, len) {
    const stream = this.streams.get(id);
    if (!stream) return EBADF;
    try {
      return stream.read(this.heap.subarray(ptr, ptr + len));
    } catch (err) {
      return -(err && Number.isInteger(err.errno) && err.errno > 0 ? err.errno : 5); // EIO
    }
  }

  _streamWrite(id, ptr, len) {
    const stream = this.streams.get(id);
    if (!stream) return EBADF;
    try {
      if (len === 0) {
        // The engine's "close": it is done with this stream.
        this.streams.delete(id);
        if (typeof stream.close === 'function') stream.close();
        return 0;
      }
      return stream.write(this.heap.subarray(ptr, ptr + len));
    } catch (err) {
      return -(err && Number.isInteger(err.errno) && err.errno > 0 ? err.errno : 5);
    }
  }

  // ---- marshalling helpers -----------------------------------------------------------------

  /** Copies bytes into module memory for the duration of fn(ptr, len). */
  withBytes(bytes, fn) {
    const len = bytes ? bytes.length : 0;
    const ptr = this.exports.wssl_alloc(len);
    if (ptr === 0) throw new RangeError('wasm-ssl: out of memory');
    try {
      if (len) this.heap.set(bytes, ptr);
      return fn(ptr, len);
    } finally {
      this.exports.wssl_free(ptr);
    }
  }

  /** A NUL-terminated UTF-8 copy of str (or 0 for null/undefined) for fn(ptr). */
  withCString(str, fn) {
    if (str === null || str === undefined) return fn(0);
    const bytes = textEncoder.encode(str + '\0');
    return this.withBytes(bytes, (ptr) => fn(ptr));
  }

  /** The NUL-terminated string at ptr, or null for 0. */
  string(ptr) {
    if (!ptr) return null;
    const heap = this.heap;
    let end = ptr;
    while (heap[end] !== 0) end++;
    return textDecoder.decode(heap.subarray(ptr, end));
  }

  /** A copy of len bytes at ptr. */
  bytes(ptr, len) {
    return this.heap.slice(ptr, ptr + len);
  }

  errorName(code) {
    return this.string(this.exports.wssl_error_name(code));
  }

  errorReason(code) {
    return this.string(this.exports.wssl_error_reason(code));
  }
}
