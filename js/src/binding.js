// The package's binding: the only place where the engine's raw results (engine/raw.js over the
// C ABI of include/wasm_ssl.h) become JavaScript values and errors. Configs and connections
// wrap the raw ones; every call returns a value, one of the WANT_* states, or throws what
// `errorFor` decides.
import { OSError, ValueError } from './errors.js';
import {
  WANT_READ, WANT_WRITE, WANT_VERIFY, ERR_CONN_EOF, CLIENT, SERVER, VERIFY_SKIPPED, VERIFY_NOT_DONE,
  VERIFY_COMPAT, VERIFY_STRICT,
  CLASS_ERRNO, CLASS_NO_MEMORY, CLASS_INVALID_KEY, CLASS_INVALID_CERT, CLASS_HOSTNAME_REQUIRED,
} from './engine/abi.js';
import { RawEngine } from './engine/raw.js';

export { WANT_READ, WANT_WRITE, WANT_VERIFY, ERR_CONN_EOF };
export const ETIMEDOUT = 110;
const ENOMEM = 12;
// MicroPython's ValueErrors, by the engine's class of the result (wssl_error_class).
const VALUE_ERRORS = {
  [CLASS_INVALID_KEY]: 'invalid key',
  [CLASS_INVALID_CERT]: 'invalid cert',
  [CLASS_HOSTNAME_REQUIRED]: 'CERT_REQUIRED requires server_hostname',
};

/** The most one engine read or write moves (SSLSocket loops over larger ones). */
export const IO_CHUNK = 16 * 1024;

export class Binding {
  /** @param {RawEngine | import('./engine/engine-instance.js').EngineInstance} engine  raw, or an instance to wrap */
  constructor(engine) {
    this.raw = engine instanceof RawEngine ? engine : new RawEngine(engine);
    // One scratch block of IO_CHUNK for all I/O, reserved now so that a load fails early.
    if (this.raw.scratch.reserve(IO_CHUNK) === 0) throw new RangeError('wasm-ssl: out of memory');
  }

  get mbedtlsVersion() { return this.raw.mbedtlsVersion(); }

  /**
   * The error for a negative engine result; conn (if any) supplies certificate details.
   * MicroPython's rules: bad key/cert data and a missing hostname are ValueErrors, an
   * allocation failure is OSError(ENOMEM), everything else OSError(code, name).
   */
  errorFor(code, conn = null) {
    // The engine classifies the result; this only turns the class into the exception.
    const kind = this.raw.errorClass(code);
    if (VALUE_ERRORS[kind]) return new ValueError(VALUE_ERRORS[kind]);
    if (kind === CLASS_NO_MEMORY) code = -ENOMEM;
    const name = this.raw.errorName(code);
    const reason = this.raw.errorReason(code);
    // Transport errnos are positive, as Python's OSError.errno; mbedtls codes stay negative.
    const errno = kind === CLASS_ERRNO || kind === CLASS_NO_MEMORY ? -code : code;
    const details = conn ? conn.verificationDetails() : {};
    return new OSError(errno, name, reason, details);
  }

  /** Returns result if it is a value or a WANT_* state; throws for any other negative. */
  check(result, conn = null) {
    if (result >= 0 || result === WANT_READ || result === WANT_WRITE || result === WANT_VERIFY) return result;
    throw this.errorFor(result, conn);
  }

  newConfig(serverSide) {
    const config = this.raw.newConfig(serverSide ? SERVER : CLIENT);
    if (typeof config === 'number') throw this.errorFor(config);
    return new TlsConfig(this, config);
  }
}

export class TlsConfig {
  constructor(binding, raw) {
    this.b = binding;
    this.raw = raw;
  }

  setOwnCert(cert, key) { this.b.check(this.raw.setOwnCert(cert, key)); }
  addCa(cadata) { return this.b.check(this.raw.addCa(cadata)); }
  setVerifyMode(mode) { this.b.check(this.raw.setVerifyMode(mode)); }
  /** 'strict' or 'compat' (wssl_config_set_verify_profile). */
  setVerifyProfile(profile) {
    this.b.check(this.raw.setVerifyProfile(profile === 'compat' ? VERIFY_COMPAT : VERIFY_STRICT));
  }

  setMaxChainDepth(depth) { this.b.check(this.raw.setMaxChainDepth(depth)); }
  setVerifyCallback(enabled) { this.b.check(this.raw.setVerifyCallback(enabled)); }
  setCiphers(names) { this.b.check(this.raw.setCiphers(names.join(','))); }
  setAlpn(protocols) { this.b.check(this.raw.setAlpn(protocols.join(','))); }

  /** A connection over host stream `stream`; the config may be freed afterwards. */
  connect(stream, serverHostname) {
    const conn = this.raw.connect(stream, serverHostname);
    if (typeof conn === 'number') throw this.b.errorFor(conn);
    return new TlsConnection(this.b, conn);
  }

  free() { this.raw.free(); }
}

export class TlsConnection {
  constructor(binding, raw) {
    this.b = binding;
    this.raw = raw;
  }

  /** The error an engine code stands for, without certificate details (timeouts, truncation). */
  errorFor(code) { return this.b.errorFor(code); }

  handshake() { return this.b.check(this.raw.handshake(), this); }

  /** Decrypted bytes into target (a Uint8Array); bytes read, 0 at end of stream, or WANT_*. */
  readInto(target) {
    const chunk = target.length > IO_CHUNK ? target.subarray(0, IO_CHUNK) : target;
    return this.b.check(this.raw.readInto(chunk), this);
  }

  /** Up to `max` decrypted bytes (a new Uint8Array, empty at end of stream), or WANT_*. */
  read(max) {
    const r = this.raw.read(Math.min(max, IO_CHUNK));
    return typeof r === 'number' ? this.b.check(r, this) : r;
  }

  /** Encrypts and sends up to IO_CHUNK bytes of `bytes`; bytes taken or WANT_*. */
  write(bytes) {
    const chunk = bytes.length > IO_CHUNK ? bytes.subarray(0, IO_CHUNK) : bytes;
    return this.b.check(this.raw.write(chunk), this);
  }

  pending() { return Math.max(0, this.raw.pending()); }

  /** 0 once closed (the handle is then stale), WANT_WRITE while close_notify waits. */
  close() { return this.b.check(this.raw.close()); }
  /** The engine no longer serves this connection's host stream (it will never do I/O). */
  releaseStream() { this.raw.releaseStream(); }

  handshakeDone() { return this.raw.handshakeDone(); }
  closeNotifyReceived() { return this.raw.closeNotifyReceived(); }
  version() { return this.raw.version(); }
  cipher() { return this.raw.cipher(); }
  alpnProtocol() { return this.raw.alpnProtocol(); }
  peerCertDer() { return this.raw.peerCertDer(); }

  /** { subject, issuer, serial, not_before, not_after, subject_alt_names } or null. */
  peerCertInfo() {
    const json = this.raw.peerCertJson();
    return json ? JSON.parse(json) : null;
  }

  /** mbedtls' verification flags: 0 = verified; null when no verification took place. */
  verifyFlags() {
    const flags = this.raw.verifyFlags();
    return flags === VERIFY_NOT_DONE || flags === VERIFY_SKIPPED ? null : flags;
  }

  /** One line per failed certificate check, in mbedtls' words ([] when verified). */
  verifyErrors() {
    return (this.raw.verifyInfo('\n') || '').split('\n').map((line) => line.trim()).filter(Boolean);
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
    const n = this.raw.chainLength();
    for (let i = 0; i < n; i++) chain.push({ der: this.raw.chainDer(i), depth: this.raw.chainDepth(i) });
    return chain;
  }

  verifyComplete(result) { return this.b.check(this.raw.verifyComplete(result), this); }

  /** The session to resume later (a client's, after the handshake; TLS 1.3: once a ticket arrived), or null. */
  sessionSave() { return this.raw.sessionSave(); }

  /** Offers a saved session before the handshake; false when the bytes are not a session. */
  sessionLoad(bytes) { return this.raw.sessionLoad(bytes) === 0; }

  sessionResumed() { return this.raw.sessionResumed(); }
}
