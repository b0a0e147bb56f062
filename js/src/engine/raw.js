// The engine's C ABI (include/wasm_ssl.h) once, over one EngineInstance: configs and connections
// as objects around their handles, bytes and strings marshalled in and out, and every result
// returned as the engine gave it (a number, a string, bytes or null). Nothing here throws for an
// engine result or decides what a code means: the package (binding.js), the MicroPython module
// (micropython/tls-binding.js), the tests and the benchmark each do that their own way.

/**
 * One block of engine memory reused for data moving in and out (calls are synchronous); it
 * grows to the largest request. reserve() gives 0 when the engine is out of memory.
 */
class Scratch {
  constructor(engine) {
    this.engine = engine;
    this.ptr = 0;
    this.size = 0;
  }

  reserve(len) {
    if (len > this.size || !this.ptr) {
      const x = this.engine.exports;
      if (this.ptr) x.wssl_free(this.ptr);
      this.size = Math.max(len, 2 * this.size, 4096);
      this.ptr = x.wssl_alloc(this.size);
      if (!this.ptr) this.size = 0;
    }
    return this.ptr;
  }
}

const ENOMEM = -12;

export class RawEngine {
  /** @param {import('./engine-instance.js').EngineInstance} engine */
  constructor(engine) {
    this.engine = engine;
    this.x = engine.exports;
    this.scratch = new Scratch(engine);
  }

  get runtime() { return this.engine.runtime; }
  mbedtlsVersion() { return this.engine.string(this.x.wssl_mbedtls_version()); }
  ciphersAvailable() { return this.engine.string(this.x.wssl_ciphers_available()); }
  errorName(code) { return this.engine.errorName(code); }
  errorReason(code) { return this.engine.errorReason(code); }
  /** What kind of result code is (WSSL_CLASS_*): the engine's one classification. */
  errorClass(code) { return this.x.wssl_error_class(code); }
  /** The name mbedtls_strerror() gives code (mbedtls' codes outside the engine's ABI too). */
  mbedtlsErrorName(code) { return this.engine.string(this.x.wssl_mbedtls_error_name(code)); }
  heapStats(which) { return this.x.wssl_heap_stats(which); }
  /** Engine memory of len bytes (0 when out of memory), for callers that keep data there. */
  alloc(len) { return this.x.wssl_alloc(len); }
  free(ptr) { this.x.wssl_free(ptr); }

  /** A config for endpoint (CLIENT or SERVER), or the engine's error (a negative number). */
  newConfig(endpoint) {
    const handle = this.x.wssl_config_new(endpoint);
    return handle > 0 ? new RawConfig(this, handle) : handle;
  }

  /** A connection over a handle made elsewhere (config.connect makes them). */
  _connection(handle, streamId) { return new RawConnection(this, handle, streamId); }
}

export class RawConfig {
  constructor(raw, handle) {
    this.raw = raw;
    this.handle = handle;
  }

  setOwnCert(cert, key) {
    const { engine, x } = this.raw;
    return engine.withBytes(cert, (cp, cn) => engine.withBytes(key, (kp, kn) =>
      x.wssl_config_set_own_cert(this.handle, cp, cn, kp, kn)));
  }

  /** Certificates added (> 0) or the engine's error. */
  addCa(cadata) {
    return this.raw.engine.withBytes(cadata, (p, n) => this.raw.x.wssl_config_add_ca(this.handle, p, n));
  }

  verifyMode() { return this.raw.x.wssl_config_get_verify_mode(this.handle); }
  setVerifyMode(mode) { return this.raw.x.wssl_config_set_verify_mode(this.handle, mode); }
  /** profile: the ABI's WSSL_VERIFY_COMPAT or WSSL_VERIFY_STRICT. */
  setVerifyProfile(profile) { return this.raw.x.wssl_config_set_verify_profile(this.handle, profile); }
  setMaxChainDepth(depth) { return this.raw.x.wssl_config_set_max_chain_depth(this.handle, depth); }
  setVerifyCallback(enabled) { return this.raw.x.wssl_config_set_verify_callback(this.handle, enabled ? 1 : 0); }
  setVersions(min, max) { return this.raw.x.wssl_config_set_versions(this.handle, min, max); }
  /** Whether setOwnCert refuses a key that is not the certificate's (the engine's default). */
  setPairCheck(enabled) { return this.raw.x.wssl_config_set_pair_check(this.handle, enabled ? 1 : 0); }
  /** A client's pre-shared key and its identity (bytes). */
  setPsk(identity, key) {
    const { engine, x } = this.raw;
    return engine.withBytes(identity, (ip, il) => engine.withBytes(key, (kp, kl) =>
      x.wssl_config_set_psk(this.handle, ip, il, kp, kl)));
  }
  /** A server asks for each client's key: handshakes pause with WANT_PSK. */
  setPskLookup(enabled) { return this.raw.x.wssl_config_set_psk_lookup(this.handle, enabled ? 1 : 0); }
  /** names: comma-separated mbedtls suite names. */
  setCiphers(names) {
    return this.raw.engine.withCString(names, (p) => this.raw.x.wssl_config_set_ciphers(this.handle, p));
  }

  /** protocols: comma-separated ALPN names. */
  setAlpn(protocols) {
    return this.raw.engine.withCString(protocols, (p) => this.raw.x.wssl_config_set_alpn(this.handle, p));
  }

  /**
   * A connection over host stream `stream` (registered with the instance here, and again
   * unregistered if the engine refuses), or the engine's error (a negative number). The config
   * may be freed afterwards.
   */
  connect(stream, serverHostname = null) {
    const { engine, x } = this.raw;
    const streamId = engine.addStream(stream);
    const handle = engine.withCString(serverHostname, (p) => x.wssl_conn_new(this.handle, streamId, p));
    if (handle <= 0) {
      engine.removeStream(streamId);
      return handle;
    }
    return this.raw._connection(handle, streamId);
  }

  free() { this.raw.x.wssl_config_free(this.handle); }
}

export class RawConnection {
  constructor(raw, handle, streamId) {
    this.raw = raw;
    this.x = raw.x;
    this.handle = handle;
    this.streamId = streamId;
  }

  handshake() { return this.x.wssl_handshake(this.handle); }

  /** Decrypted bytes into target (a Uint8Array, anyone's memory): the count, 0 at end, or a code. */
  readInto(target) {
    const len = target.length;
    const p = this.raw.scratch.reserve(len);
    if (!p) return ENOMEM;
    const r = this.x.wssl_read(this.handle, p, len);
    if (r > 0) target.set(this.raw.engine.heap.subarray(p, p + r));
    return r;
  }

  /** Up to max decrypted bytes as a new Uint8Array (empty at end of stream), or a code. */
  read(max) {
    const p = this.raw.scratch.reserve(max);
    if (!p) return ENOMEM;
    const r = this.x.wssl_read(this.handle, p, max);
    return r < 0 ? r : this.raw.engine.bytes(p, r);
  }

  /** Encrypts and sends what it can of bytes: the count taken, or a code. */
  write(bytes) {
    const p = this.raw.scratch.reserve(bytes.length);
    if (!p) return ENOMEM;
    this.raw.engine.heap.set(bytes, p);
    return this.x.wssl_write(this.handle, p, bytes.length);
  }

  /** The same two calls for data already in engine memory (no copy). */
  readAt(ptr, len) { return this.x.wssl_read(this.handle, ptr, len); }
  writeAt(ptr, len) { return this.x.wssl_write(this.handle, ptr, len); }

  pending() { return this.x.wssl_pending(this.handle); }
  /** 0 once closed (the handle is then stale), WANT_WRITE while close_notify waits, or a code. */
  close() { return this.x.wssl_close(this.handle); }
  /** Stops serving this connection's host stream (a connection that will never do I/O). */
  releaseStream() { this.raw.engine.removeStream(this.streamId); }

  handshakeDone() { return this.x.wssl_handshake_done(this.handle) === 1; }
  closeNotifyReceived() { return this.x.wssl_close_notify_received(this.handle) === 1; }
  version() { return this.raw.engine.string(this.x.wssl_version(this.handle)); }
  cipher() { return this.raw.engine.string(this.x.wssl_cipher(this.handle)); }
  alpnProtocol() { return this.raw.engine.string(this.x.wssl_alpn_protocol(this.handle)); }

  peerCertLen() { return this.x.wssl_peer_cert_len(this.handle); }
  /** The peer's certificate (DER), or null. */
  peerCertDer() {
    const ptr = this.x.wssl_peer_cert_der(this.handle);
    return ptr ? this.raw.engine.bytes(ptr, this.x.wssl_peer_cert_len(this.handle)) : null;
  }

  /** The engine's JSON description of the peer's certificate, or null. */
  peerCertJson() { return this.raw.engine.string(this.x.wssl_peer_cert_json(this.handle)); }
  /** mbedtls' verification flags, unsigned (VERIFY_NOT_DONE / VERIFY_SKIPPED included). */
  verifyFlags() { return this.x.wssl_verify_flags(this.handle) >>> 0; }
  /** One line per failed check, each starting with prefix (or null). */
  verifyInfo(prefix) {
    const { engine } = this.raw;
    return engine.withCString(prefix, (p) => engine.string(this.x.wssl_verify_info(this.handle, p)));
  }

  // The chain the handshake paused on for the verify callback (WANT_VERIFY), root-most first.
  chainLength() { return this.x.wssl_verify_chain_length(this.handle); }
  chainDepth(i) { return this.x.wssl_verify_chain_depth(this.handle, i); }
  chainDerLen(i) { return this.x.wssl_verify_chain_der_len(this.handle, i); }
  chainDer(i) { return this.raw.engine.bytes(this.x.wssl_verify_chain_der(this.handle, i), this.chainDerLen(i)); }
  verifyComplete(result) { return this.x.wssl_verify_complete(this.handle, result); }

  // The identity a server's handshake paused on (WANT_PSK), and the answer: its key, or null.
  pskIdentityLen() { return this.x.wssl_psk_identity_len(this.handle); }
  pskIdentity() {
    const len = this.pskIdentityLen();
    return len > 0 ? this.raw.engine.bytes(this.x.wssl_psk_identity(this.handle), len) : new Uint8Array(0);
  }
  pskComplete(key) {
    if (!key) return this.x.wssl_psk_complete(this.handle, 0, 0);
    return this.raw.engine.withBytes(key, (p, n) => this.x.wssl_psk_complete(this.handle, p, n));
  }

  /** The session to resume later, or null. */
  sessionSave() {
    const { engine } = this.raw;
    const size = this.x.wssl_session_save(this.handle, 0, 0);
    if (size <= 0) return null;
    return engine.withBytes(new Uint8Array(size), (p, n) =>
      (this.x.wssl_session_save(this.handle, p, n) === size ? engine.bytes(p, size) : null));
  }

  /** 0 when the bytes were taken as a session to offer, else the engine's error. */
  sessionLoad(bytes) {
    return this.raw.engine.withBytes(bytes, (p, n) => this.x.wssl_session_load(this.handle, p, n));
  }

  sessionResumed() { return this.x.wssl_session_resumed(this.handle) === 1; }
}
