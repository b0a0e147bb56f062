// The engine as the Python module `_wasm_ssl_tls` sees it: configs and connections as objects
// whose methods return the engine's raw results (numbers, strings). What those numbers mean to
// Python (MicroPython's exceptions) is decided in one place, python/tls.py. Byte arguments
// arrive as (address, length) in MicroPython's heap (see python-heap.js) and are copied once.
//
// A connection's transport, one of two:
// - a socket of this package (python/socket.py): the engine pulls and pushes the encrypted
//   bytes itself through its imports, straight from and to the socket's JS transport, as it
//   does for the JS API's transports; Python only waits when the engine would block;
// - any other Python stream (io.BytesIO, a user class), which only Python can call: it is
//   pumped by Python, which feeds what it read into the engine's input and drains the
//   engine's output to the stream (PumpedStream), exactly as on a board.
import { HostStream } from '../streams/host-stream.js';
import { ChunkQueue } from '../streams/chunk-queue.js';
import { WOULD_BLOCK } from '../engine/engine-instance.js';
import { CERT_NONE, CLIENT, VERIFY_COMPAT } from '../engine/abi.js';
import { RawEngine } from '../engine/raw.js';
import { PythonHeap } from './python-heap.js';

// Python drops SSLContext/SSLSocket objects without telling anyone: MicroPython then frees the
// JS proxy, and this registry frees the engine object behind it once JS collects it.
const configRegistry = new FinalizationRegistry((raw) => raw.free());
const connectionRegistry = new FinalizationRegistry((raw) => raw.close());

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

  // What the engine asked for when it found nothing to read (0: it did not ask). Python reads
  // that much from its stream and no more, as mbedtls reads a board's socket: a stream whose
  // readinto() waits for a full buffer (a blocking socket inside a user's class) would else
  // wait for bytes the peer is not going to send.
  read(buf) {
    const r = super.read(buf);
    this.wanted = r === WOULD_BLOCK ? buf.length : 0;
    return r;
  }
}

// A socket's JS transport (sockets/direct-sockets.js, sockets/worker-sockets.js), whose
// read/write answer as a HostStream's, as the engine's stream. The Python socket owns it: the
// engine being done with the stream closes nothing.
class SocketStream {
  constructor(transport) { this.transport = transport; }
  read(buf) { return this.transport.read(buf); }
  write(buf) { return this.transport.write(buf); }
  close() {}
}

// Bytes one read or write moves through the engine at most (the stream methods loop).
const CHUNK_MAX = 64 * 1024;

class Connection {
  constructor(heap, raw, stream) {
    this._heap = heap;
    this._raw = raw;
    this.stream = stream;
    connectionRegistry.register(this, raw, this);
  }

  handshake() { return this._raw.handshake(); }

  /** Decrypted bytes into Python memory at addr (at most len). */
  read(addr, len) { return this._raw.readInto(this._heap.view(addr, Math.min(len, CHUNK_MAX))); }

  /** Encrypts len bytes of Python memory at addr. */
  write(addr, len) { return this._raw.write(this._heap.view(addr, Math.min(len, CHUNK_MAX))); }

  close() {
    const r = this._raw.close();
    if (r === 0) connectionRegistry.unregister(this);
    return r;
  }

  // ---- a pumped transport (another Python stream), moved by Python -------------------------

  /** How many bytes the engine waits for (0: unknown), for Python's next read of its socket. */
  input_wanted() { return this.stream.wanted || 0; }

  /** Bytes Python read from its socket. */
  feed(addr, len) { this.stream._push(this._heap.view(addr, len).slice()); }

  /** Plaintext readable without the socket: decrypted, or fed in and not yet decrypted. */
  pending() {
    const fed = this.stream instanceof PumpedStream ? this.stream._inbox.length : 0;
    return this._raw.pending() + fed;
  }

  /** Python's socket reached end of stream. */
  feed_eof() { this.stream._end(); }

  /** Python's socket failed with errno (> 0): the engine sees -errno once the input is read. */
  feed_error(errno) { this.stream._fail(errno); }

  /** Moves up to len bytes the engine wants sent into Python memory at addr; returns how many. */
  take_output(addr, len) {
    const out = this.stream.outbox;
    return out.length === 0 ? 0 : out.readInto(this._heap.view(addr, Math.min(len, out.length)));
  }

  // ---- queries -----------------------------------------------------------------------------

  cipher() { return this._raw.cipher(); }
  version() { return this._raw.version(); }
  verify_info(prefix) { return this._raw.verifyInfo(prefix); }

  peer_cert_len() { return this._raw.peerCertLen(); }
  peer_cert_into(addr) {
    const der = this._raw.peerCertDer();
    if (der && der.length > 0) this._heap.write(addr, der);
    return der ? der.length : 0;
  }

  // ---- verify callback: the chain the engine paused on (WSSL_WANT_VERIFY) --------------------

  chain_length() { return this._raw.chainLength(); }
  chain_depth(i) { return this._raw.chainDepth(i); }
  chain_der_len(i) { return this._raw.chainDerLen(i); }
  chain_der_into(i, addr) {
    const len = this._raw.chainDerLen(i);
    if (len > 0) this._heap.write(addr, this._raw.chainDer(i));
    return len;
  }
  verify_complete(result) { return this._raw.verifyComplete(result); }

  // ---- server PSK lookup: the identity the engine paused on (WSSL_WANT_PSK) ------------------

  psk_identity_len() { return this._raw.pskIdentityLen(); }
  psk_identity_into(addr) {
    const identity = this._raw.pskIdentity();
    if (identity.length > 0) this._heap.write(addr, identity);
    return identity.length;
  }
  /** The key for the identity (len > 0), or none: the identity is refused. */
  psk_complete(addr, len) { return this._raw.pskComplete(len > 0 ? this._heap.view(addr, len) : null); }

  // ---- session resumption (a client's): the engine's sealed session bytes --------------------

  /** The current session's size, kept for session_into; 0 when there is none (yet). */
  session_len() {
    this._session = this._raw.sessionSave();
    return this._session ? this._session.length : 0;
  }
  session_into(addr) {
    const bytes = this._session;
    this._session = null;
    if (bytes) this._heap.write(addr, bytes);
    return bytes ? bytes.length : 0;
  }
  /** 0 when the bytes were taken (offered if they serve this connection), else the engine's error. */
  session_load(addr, len) { return this._raw.sessionLoad(this._heap.view(addr, len)); }
  session_reused() { return this._raw.sessionResumed(); }
}

class Config {
  constructor(heap, raw) {
    this._heap = heap;
    this._raw = raw;
    configRegistry.register(this, raw);
  }

  verify_mode() { return this._raw.verifyMode(); }
  set_verify_mode(mode) { return this._raw.setVerifyMode(mode); }
  set_verify_profile(profile) { return this._raw.setVerifyProfile(profile); }
  set_verify_callback(enabled) { return this._raw.setVerifyCallback(enabled); }
  set_ciphers(names) { return this._raw.setCiphers(names); }

  set_own_cert(certAddr, certLen, keyAddr, keyLen) {
    return this._raw.setOwnCert(this._heap.view(certAddr, certLen), this._heap.view(keyAddr, keyLen));
  }

  set_psk(idAddr, idLen, keyAddr, keyLen) {
    return this._raw.setPsk(this._heap.view(idAddr, idLen), this._heap.view(keyAddr, keyLen));
  }

  set_psk_lookup(enabled) { return this._raw.setPskLookup(enabled); }

  add_ca(addr, len) { return this._raw.addCa(this._heap.view(addr, len)); }

  /**
   * A connection, or the engine's error (a negative number): over `transport`, a socket's JS
   * transport, or else over a transport that Python pumps.
   */
  new_connection(serverHostname, transport) {
    const stream = transport ? new SocketStream(transport) : new PumpedStream();
    const raw = this._raw.connect(stream, serverHostname);
    return typeof raw === 'number' ? raw : new Connection(this._heap, raw, stream);
  }
}

/** The object registered as the Python module `_wasm_ssl_tls`. */
export function tlsBinding(engine, heap) {
  const raw = new RawEngine(engine);
  let probe = null; // a client config for session_check, made on first use
  return {
    HEAP_DEVICE: PythonHeap.devicePath,
    mbedtls_version: () => raw.mbedtlsVersion(),
    error_name: (code) => raw.errorName(code),
    error_class: (code) => raw.errorClass(code),
    mbedtls_error_name: (code) => raw.mbedtlsErrorName(code),
    ciphers: () => raw.ciphersAvailable(),
    attach_heap: (touch) => heap.attach(touch),
    // Whether bytes are a session this engine instance saved, unaltered (0), or not (the
    // engine's error), asked of a connection that never runs: SSLSession(buf) refuses at once.
    session_check(addr, len) {
      if (probe === null) {
        const config = raw.newConfig(CLIENT);
        if (typeof config === 'number') return config;
        config.setVerifyMode(CERT_NONE); // no host name needed
        probe = config;
      }
      const conn = probe.connect(new PumpedStream());
      if (typeof conn === 'number') return conn;
      const r = conn.sessionLoad(heap.view(addr, len));
      conn.close();
      conn.releaseStream();
      return r;
    },
    config_new(endpoint) {
      const config = raw.newConfig(endpoint);
      if (typeof config === 'number') return config;
      // MicroPython's ssl accepts what its mbedtls port accepts (CN-only certificates, ...):
      // the engine's strict default is for the JS package and the C ABI.
      config.setVerifyProfile(VERIFY_COMPAT);
      // ... and, as there, a key that is not the certificate's fails in the handshake only.
      config.setPairCheck(false);
      return new Config(heap, config);
    },
  };
}
