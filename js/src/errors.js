// The exception types of the package. What raises them, and with which texts, is decided in
// one place: binding.js (engine results) and options.js (arguments).

/**
 * Every TLS, certificate and transport failure, as MicroPython's OSError(code, name):
 * `errno` is the negative mbedtls code or the (positive) transport errno, `code` its macro
 * name ('MBEDTLS_ERR_X509_CERT_VERIFY_FAILED', 'ECONNRESET'), `reason` its description.
 * A failed certificate check also carries `verifyErrors` (one line per failed check, in
 * mbedtls' words) and `peerCertificate` (subject, issuer, validity of what the peer
 * presented), which the message repeats.
 */
export class OSError extends Error {
  constructor(errno, code, reason, details = {}) {
    const words = reason ? `: ${reason.replace(/\.$/, '')}` : '';
    super(`[Errno ${errno}] ${code}${words}${details.detail ? `; ${details.detail}` : ''}`);
    this.name = 'OSError';
    this.errno = errno;
    this.code = code;
    this.reason = reason;
    this.args = [errno, code];
    if (details.verifyErrors) this.verifyErrors = details.verifyErrors;
    if (details.peerCertificate) this.peerCertificate = details.peerCertificate;
  }
}

/** Invalid key or certificate data and MicroPython's other ValueErrors, with its texts. */
export class ValueError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ValueError';
  }
}
