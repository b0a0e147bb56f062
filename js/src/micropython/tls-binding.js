// The engine as the Python module `_wasm_ssl_tls` sees it: configs and connections as objects
// whose methods return the engine's raw results (numbers, strings). What those numbers mean to
// Python (MicroPython's exceptions) is decided in one place, python/tls.py. Byte arguments
// arrive as (address, length) in MicroPython's heap (see python-heap.js) and are copied once.
//
// A connection's transport is pumped by Python: the engine reads what Python fed in from its
// socket and writes into a queue that Python drains to that socket. So any Python stream
// object (a socket, io.BytesIO, a user class) can carry TLS, exactly as on a board.
import { HostStream } from '../streams/host-stream.js';
import { ChunkQueue } from '../streams/chunk-queue.js';
import { PythonHeap } from './python-heap.js';

const ENOMEM = -12;
const VERIFY_COMPAT = 0; // wasm_ssl.h WSSL_VERIFY_COMPAT

// Python drops SSLContext/SSLSocket objects without telling anyone: MicroPython then frees the
// JS proxy, and this registry frees the engine object behind it once JS collects it.
const configRegistry = new FinalizationRegistry(({ engine, handle }) => {
  engine.exports.wssl_config_free(handle);
});
const connectionRegistry = new FinalizationRegistry(({ engine, handle }) => {
  engine.exports.wssl_close(handle);
});

// The engine's side is HostStream's; Python's side feeds it with _push/_end/_fail and drains
// what the engine sent from `outbox`.
class PumpedStream extends HostStream {
  constructor() {
    super();
    this.outbox = new ChunkQueue();
  }

  _send(bytes) {
    this.outbox.push(bytes.slice()); // bytes is a view of engine memory
    return bytes.length;
  }
}

// Bytes one read or write moves through the engine at most (the stream methods loop).
const CHUNK_MAX = 64 * 1024;

// One reusable block of engine memory for data moving in and out of Python.
class Scratch {
  constructor(engine) {
    this.engine = engine;
    this.ptr = 0;
    this.size = 0;
  }

  /** A pointer to at least len bytes, or 0 when the engine is out of memory. */
  reserve(len) {
    if (len > this.size) {
      const x = this.engine.exports;
      if (this.ptr) x.wssl_free(this.ptr);
      this.size = Math.max(len, 2 * this.size, 4096);
      this.ptr = x.wssl_alloc(this.size);
      if (!this.ptr) this.size = 0;
    }
    return this.ptr;
  }
}

class Connection {
  constructor(binding, handle, stream) {
    this._b = binding;
    this._x = binding.engine.exports;
    this.handle = handle;
    this.stream = stream;
    connectionRegistry.register(this, { engine: binding.engine, handle }, this);
  }

  handshake() { return this._x.wssl_handshake(this.handle); }

  /** Decrypted bytes into Python memory at addr (at most len). */
  read(addr, len) {
    len = Math.min(len, CHUNK_MAX);
    const p = this._b.scratch.reserve(len);
    if (!p) return ENOMEM;
    const n = this._x.wssl_read(this.handle, p, len);
    if (n > 0) this._b.heap.write(addr, this._b.engine.heap.subarray(p, p + n));
    return n;
  }

  /** Encrypts len bytes of Python memory at addr. */
  write(addr, len) {
    len = Math.min(len, CHUNK_MAX);
    const p = this._b.scratch.reserve(len);
    if (!p) return ENOMEM;
    this._b.engine.heap.set(this._b.heap.view(addr, len), p);
    return this._x.wssl_write(this.handle, p, len);
  }

  close() {
    const r = this._x.wssl_close(this.handle);
    if (r === 0) connectionRegistry.unregister(this);
    return r;
  }

  // ---- the transport, moved by Python ------------------------------------------------------

  /** Bytes Python read from its socket. */
  feed(addr, len) { this.stream._push(this._b.heap.view(addr, len).slice()); }

  /** Python's socket reached end of stream. */
  feed_eof() { this.stream._end(); }

  /** Python's socket failed with errno (> 0): the engine sees -errno once the input is read. */
  feed_error(errno) { this.stream._fail(errno); }

  /** Moves up to len bytes the engine wants sent into Python memory at addr; returns how many. */
  take_output(addr, len) {
    const out = this.stream.outbox;
    return out.length === 0 ? 0 : out.readInto(this._b.heap.view(addr, Math.min(len, out.length)));
  }

  // ---- queries -----------------------------------------------------------------------------

  cipher() { return this._b.engine.string(this._x.wssl_cipher(this.handle)); }
  version() { return this._b.engine.string(this._x.wssl_version(this.handle)); }
  verify_info(prefix) {
    return this._b.engine.withCString(prefix, (p) => this._b.engine.string(this._x.wssl_verify_info(this.handle, p)));
  }

  peer_cert_len() { return this._x.wssl_peer_cert_len(this.handle); }
  peer_cert_into(addr) {
    const len = this._x.wssl_peer_cert_len(this.handle);
    if (len > 0) this._b.heap.write(addr, this._b.engine.bytes(this._x.wssl_peer_cert_der(this.handle), len));
    return len;
  }

  // ---- verify callback: the chain the engine paused on (WSSL_WANT_VERIFY) --------------------

  chain_length() { return this._x.wssl_verify_chain_length(this.handle); }
  chain_depth(i) { return this._x.wssl_verify_chain_depth(this.handle, i); }
  chain_der_len(i) { return this._x.wssl_verify_chain_der_len(this.handle, i); }
  chain_der_into(i, addr) {
    const len = this._x.wssl_verify_chain_der_len(this.handle, i);
    if (len > 0) this._b.heap.write(addr, this._b.engine.bytes(this._x.wssl_verify_chain_der(this.handle, i), len));
    return len;
  }
  verify_complete(result) { return this._x.wssl_verify_complete(this.handle, result); }
}

class Config {
  constructor(binding, handle) {
    this._b = binding;
    this._x = binding.engine.exports;
    this.handle = handle;
    configRegistry.register(this, { engine: binding.engine, handle });
  }

  verify_mode() { return this._x.wssl_config_get_verify_mode(this.handle); }
  set_verify_mode(mode) { return this._x.wssl_config_set_verify_mode(this.handle, mode); }
  set_verify_profile(profile) { return this._x.wssl_config_set_verify_profile(this.handle, profile); }
  set_verify_callback(enabled) { return this._x.wssl_config_set_verify_callback(this.handle, enabled ? 1 : 0); }
  set_ciphers(names) {
    return this._b.engine.withCString(names, (p) => this._x.wssl_config_set_ciphers(this.handle, p));
  }

  set_own_cert(certAddr, certLen, keyAddr, keyLen) {
    const { engine, heap } = this._b;
    return engine.withBytes(heap.view(certAddr, certLen), (cp, cn) =>
      engine.withBytes(heap.view(keyAddr, keyLen), (kp, kn) =>
        this._x.wssl_config_set_own_cert(this.handle, cp, cn, kp, kn)));
  }

  add_ca(addr, len) {
    return this._b.engine.withBytes(this._b.heap.view(addr, len), (p, n) => this._x.wssl_config_add_ca(this.handle, p, n));
  }

  /** A connection over a pumped transport, or the engine's error (a negative number). */
  new_connection(serverHostname) {
    const { engine } = this._b;
    const stream = new PumpedStream();
    const streamId = engine.addStream(stream);
    const handle = engine.withCString(serverHostname, (p) => this._x.wssl_conn_new(this.handle, streamId, p));
    if (handle <= 0) {
      engine.removeStream(streamId);
      return handle;
    }
    return new Connection(this._b, handle, stream);
  }
}

/** The object registered as the Python module `_wasm_ssl_tls`. */
export function tlsBinding(engine, heap) {
  const binding = { engine, heap, scratch: new Scratch(engine) };
  const x = engine.exports;
  return {
    HEAP_DEVICE: PythonHeap.devicePath,
    mbedtls_version: () => engine.string(x.wssl_mbedtls_version()),
    error_name: (code) => engine.errorName(code),
    ciphers: () => engine.string(x.wssl_ciphers_available()),
    attach_heap: (touch) => heap.attach(touch),
    config_new(endpoint) {
      const handle = x.wssl_config_new(endpoint);
      if (handle <= 0) return handle;
      // MicroPython's ssl accepts what its mbedtls port accepts (CN-only certificates, ...):
      // the engine's strict default is for the JS package and the C ABI.
      x.wssl_config_set_verify_profile(handle, VERIFY_COMPAT);
      return new Config(binding, handle);
    },
  };
}
