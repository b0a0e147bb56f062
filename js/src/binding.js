// The engine binding: the only place where the C ABI's results (include/wasm_ssl.h) become
// JavaScript values and errors. Configs and connections are thin wrappers over their handles;
// every call returns a value, one of the WANT_* states, or throws what `errorFor` decides.
import { OSError, ValueError } from './errors.js';
import {
  WANT_READ, WANT_WRITE, WANT_VERIFY, ERR_HOSTNAME_REQUIRED, ERR_INVALID_KEY, ERR_INVALID_CERT,
  ERR_CONN_EOF, CLIENT, SERVER, VERIFY_SKIPPED, VERIFY_NOT_DONE,
} from './engine/abi.js';

export { WANT_READ, WANT_WRITE, WANT_VERIFY, ERR_CONN_EOF };
const ERR_ALLOC_FAILED = -0x7f00; // MBEDTLS_ERR_SSL_ALLOC_FAILED (mbedtls', not the ABI's)
export const ETIMEDOUT = 110;
const ENOMEM = 12;
const VERIFY_COMPAT = 0, VERIFY_STRICT = 1;

/** Engine I/O goes through one scratch buffer per instance: calls are synchronous. */
export const IO_CHUNK = 16 * 1024;

export class Binding {
  /** @param {import('./engine/engine.js').Engine} engine */
  constructor(engine) {
    this.engine = engine;
    this.x = engine.exports;
    this._scratch = this.x.wssl_alloc(IO_CHUNK);
    if (this._scratch === 0) throw new RangeError('wasm-ssl: out of memory');
  }

  get mbedtlsVersion() { return this.engine.string(this.x.wssl_mbedtls_version()); }

  /**
   * The error for a negative engine result; conn (if any) supplies certificate details.
   * MicroPython's rules: bad key/cert data and a missing hostname are ValueErrors, an
   * allocation failure is OSError(ENOMEM), everything else OSError(code, name).
   */
  errorFor(code, conn = null) {
    if (code === ERR_INVALID_KEY) return new ValueError('invalid key');
    if (code === ERR_INVALID_CERT) return new ValueError('invalid cert');
    if (code === ERR_HOSTNAME_REQUIRED) return new ValueError('CERT_REQUIRED requires server_hostname');
    if (code === ERR_ALLOC_FAILED) code = -ENOMEM;
    const name = this.engine.errorName(code);
    const reason = this.engine.errorReason(code);
    // Transport errnos are positive, as Python's OSError.errno; mbedtls codes stay negative.
    const errno = code > -256 ? -code : code;
    const details = conn ? conn.verificationDetails() : {};
    return new OSError(errno, name, reason, details);
  }

  /** Returns result if it is a value or a WANT_* state; throws for any other negative. */
  check(result, conn = null) {
    if (result >= 0 || result === WANT_READ || result === WANT_WRITE || result === WANT_VERIFY) return result;
    throw this.errorFor(result, conn);
  }

  newConfig(serverSide) { return new TlsConfig(this, serverSide ? SERVER : CLIENT); }

  // ---- marshalling into the scratch buffer ---------------------------------------------------

  /** Copies bytes (at most IO_CHUNK) into the scratch buffer; returns its address. */
  _stage(bytes) {
    this.engine.heap.set(bytes, this._scratch);
    return this._scratch;
  }
}

export class TlsConfig {
  constructor(binding, endpoint) {
    this.b = binding;
    this.handle = binding.check(binding.x.wssl_config_new(endpoint));
  }

  _call(fn) { return this.b.check(fn(this.b.x, this.handle)); }

  setOwnCert(cert, key) {
    const e = this.b.engine;
    e.withBytes(cert, (cp, cn) => e.withBytes(key, (kp, kn) =>
      this._call((x, h) => x.wssl_config_set_own_cert(h, cp, cn, kp, kn))));
  }

  addCa(cadata) {
    return this.b.engine.withBytes(cadata, (p, n) => this._call((x, h) => x.wssl_config_add_ca(h, p, n)));
  }

  setVerifyMode(mode) { this._call((x, h) => x.wssl_config_set_verify_mode(h, mode)); }
  /** 'strict' or 'compat' (wssl_config_set_verify_profile). */
  setVerifyProfile(profile) {
    this._call((x, h) => x.wssl_config_set_verify_profile(h, profile === 'compat' ? VERIFY_COMPAT : VERIFY_STRICT));
  }

  setMaxChainDepth(depth) { this._call((x, h) => x.wssl_config_set_max_chain_depth(h, depth)); }
  setVerifyCallback(enabled) { this._call((x, h) => x.wssl_config_set_verify_callback(h, enabled ? 1 : 0)); }

  setCiphers(names) {
    this.b.engine.withCString(names.join(','), (p) => this._call((x, h) => x.wssl_config_set_ciphers(h, p)));
  }

  setAlpn(protocols) {
    this.b.engine.withCString(protocols.join(','), (p) => this._call((x, h) => x.wssl_config_set_alpn(h, p)));
  }

  /** A connection over the engine stream id; the config may be freed afterwards. */
  connect(streamId, serverHostname) {
    const handle = this.b.engine.withCString(serverHostname,
      (p) => this.b.check(this.b.x.wssl_conn_new(this.handle, streamId, p)));
    return new TlsConnection(this.b, handle);
  }

  free() { this.b.x.wssl_config_free(this.handle); }
}

export class TlsConnection {
  constructor(binding, handle) {
    this.b = binding;
    this.x = binding.x;
    this.handle = handle;
  }

  handshake() { return this.b.check(this.x.wssl_handshake(this.handle), this); }

  /** Decrypted bytes into target (a Uint8Array); bytes read, 0 at end of stream, or WANT_*. */
  readInto(target) {
    const len = Math.min(target.length, IO_CHUNK);
    const r = this.b.check(this.x.wssl_read(this.handle, this.b._scratch, len), this);
    if (r > 0) target.set(this.b.engine.heap.subarray(this.b._scratch, this.b._scratch + r));
    return r;
  }

  /** Up to `max` decrypted bytes (a new Uint8Array, empty at end of stream), or WANT_*. */
  read(max) {
    const len = Math.min(max, IO_CHUNK);
    const r = this.b.check(this.x.wssl_read(this.handle, this.b._scratch, len), this);
    if (r < 0) return r;
    return this.b.engine.bytes(this.b._scratch, r);
  }

  /** Encrypts and sends up to IO_CHUNK bytes of `bytes`; bytes taken or WANT_*. */
  write(bytes) {
    const chunk = bytes.length > IO_CHUNK ? bytes.subarray(0, IO_CHUNK) : bytes;
    const ptr = this.b._stage(chunk);
    return this.b.check(this.x.wssl_write(this.handle, ptr, chunk.length), this);
  }

  pending() { return Math.max(0, this.x.wssl_pending(this.handle)); }

  /** 0 once closed (the handle is then stale), WANT_WRITE while close_notify waits. */
  close() { return this.b.check(this.x.wssl_close(this.handle)); }

  handshakeDone() { return this.x.wssl_handshake_done(this.handle) === 1; }
  closeNotifyReceived() { return this.x.wssl_close_notify_received(this.handle) === 1; }
  version() { return this.b.engine.string(this.x.wssl_version(this.handle)); }
  cipher() { return this.b.engine.string(this.x.wssl_cipher(this.handle)); }
  alpnProtocol() { return this.b.engine.string(this.x.wssl_alpn_protocol(this.handle)); }

  peerCertDer() {
    const ptr = this.x.wssl_peer_cert_der(this.handle);
    return ptr ? this.b.engine.bytes(ptr, this.x.wssl_peer_cert_len(this.handle)) : null;
  }

  /** { subject, issuer, serial, not_before, not_after, subject_alt_names } or null. */
  peerCertInfo() {
    const json = this.b.engine.string(this.x.wssl_peer_cert_json(this.handle));
    return json ? JSON.parse(json) : null;
  }

  /** mbedtls' verification flags: 0 = verified; null when no verification took place. */
  verifyFlags() {
    const flags = this.x.wssl_verify_flags(this.handle) >>> 0;
    return flags === VERIFY_NOT_DONE || flags === VERIFY_SKIPPED ? null : flags;
  }

  /** One line per failed certificate check, in mbedtls' words ([] when verified). */
  verifyErrors() {
    const text = this.b.engine.withCString('\n', (p) => this.b.engine.string(this.x.wssl_verify_info(this.handle, p)));
    return (text || '').split('\n').map((line) => line.trim()).filter(Boolean);
  }

  /** What an error during the handshake says about the certificate checks that failed. */
  verificationDetails() {
    if (this.handshakeDone() || !this.verifyFlags()) return {};
    const verifyErrors = this.verifyErrors();
    const peer = this.peerCertInfo(); // what the peer presented, kept by the engine
    const presented = peer
      ? ` (peer certificate ${peer.subject}, issued by ${peer.issuer}, valid ${peer.not_before} to ${peer.not_after})`
      : '';
    return {
      verifyErrors,
      peerCertificate: peer,
      detail: `certificate checks failed: ${verifyErrors.join('; ')}${presented}`,
    };
  }

  /** The chain to show the verify callback: [{ der, depth }], root-most first. */
  verifyChain() {
    const chain = [];
    const n = this.x.wssl_verify_chain_length(this.handle);
    for (let i = 0; i < n; i++) {
      const ptr = this.x.wssl_verify_chain_der(this.handle, i);
      chain.push({
        der: this.b.engine.bytes(ptr, this.x.wssl_verify_chain_der_len(this.handle, i)),
        depth: this.x.wssl_verify_chain_depth(this.handle, i),
      });
    }
    return chain;
  }

  verifyComplete(result) { return this.b.check(this.x.wssl_verify_complete(this.handle, result), this); }

  /** The session to resume later (a client's, after the handshake; TLS 1.3: once a ticket arrived), or null. */
  sessionSave() {
    const size = this.x.wssl_session_save(this.handle, 0, 0);
    if (size <= 0) return null;
    return this.b.engine.withBytes(new Uint8Array(size), (p, n) =>
      (this.x.wssl_session_save(this.handle, p, n) === size ? this.b.engine.bytes(p, size) : null));
  }

  /** Offers a saved session before the handshake; false when the bytes are not a session. */
  sessionLoad(bytes) {
    return this.b.engine.withBytes(bytes, (p, n) => this.x.wssl_session_load(this.handle, p, n)) === 0;
  }

  sessionResumed() { return this.x.wssl_session_resumed(this.handle) === 1; }
}
