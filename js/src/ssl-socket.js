// SSLSocket: the seed's stream interface as promises over one engine connection. Blocking mode
// (the default) waits on the transport's readiness signal whenever the engine would block;
// non-blocking mode settles at once with null where MicroPython returns None.
import { WANT_READ, WANT_WRITE, WANT_VERIFY, IO_CHUNK, ERR_CONN_EOF, ETIMEDOUT } from './binding.js';
import { ERR_CERT_VERIFY_FAILED } from './engine/abi.js';
import { concat, toBytes } from './bytes.js';

const NEWLINE = 10;
const EMPTY = new Uint8Array(0);
const TIMED_OUT = Symbol('timed out');

export class SSLSocket {
  /**
   * @param {import('./binding.js').TlsConnection} conn
   * @param {object} transport   the host stream the connection runs over
   * @param {{ verifyCallback?: Function, duplexView?: Function, release?: Function,
   *           suppressRaggedEofs?: boolean, timeout?: number | null }} [hooks]
   */
  constructor(conn, transport, hooks = {}) {
    this._conn = conn;
    this.transport = transport;
    this._verifyCallback = hooks.verifyCallback || null;
    this._release = hooks.release || (() => {});
    this._duplexView = hooks.duplexView || null;
    this._duplex = null;
    this._suppressRaggedEofs = hooks.suppressRaggedEofs !== false;
    this._timeout = hooks.timeout || 0; // ms one operation may wait for the transport; 0: no limit
    this._timedOut = null;      // the ETIMEDOUT error, which every later operation rejects with
    this._closeNotify = false;  // close_notify arrived (kept past close())
    this._blocking = true;
    this._closed = false;
    this._closing = null;       // the promise of a close in progress
    this._verifying = null;     // the promise of an asynchronous verify callback in progress
    this._callbackError = null; // what the verify callback threw, reported instead of the veto
    this._readahead = EMPTY;    // bytes decrypted by readline() beyond its line
    this._pollDelay = 0;        // ms between looks at a host stream that has no whenReady()
    this._reads = Promise.resolve();   // reads run one at a time, so do writes:
    this._writes = Promise.resolve();  // a write retried after WANT_WRITE must see the same bytes
  }

  // ---- mode ---------------------------------------------------------------------------------

  setblocking(flag) { this._blocking = !!flag; }
  getblocking() { return this._blocking; }

  // ---- the stream interface -----------------------------------------------------------------

  /** Completes the handshake; null in non-blocking mode while it cannot progress. */
  do_handshake() {
    return this._serialized('_reads', async () => {
      const r = await this._drive(() => this._conn.handshake());
      return r === null ? null : undefined;
    });
  }

  /**
   * Up to n decrypted bytes (one TLS record at most), or with n < 0 everything up to the end
   * of stream. An empty array at end of stream; null in non-blocking mode when nothing is there.
   */
  async read(n = -1) {
    if (n === null || n === undefined) n = -1;
    if (!Number.isInteger(n)) throw new TypeError('read(n): n must be an integer');
    return this._serialized('_reads', () => (n < 0 ? this._readAll() : this._readSome(n)));
  }

  /** Decrypted bytes into buf (up to nbytes); the count, 0 at end, or null (non-blocking). */
  async readinto(buf, nbytes) {
    if (!(buf instanceof Uint8Array)) throw new TypeError('readinto(buf): buf must be a Uint8Array');
    // subarray() would take -1 as "all but the last byte" and 2.5 as 2: refuse both.
    if (nbytes !== undefined && !Number.isInteger(nbytes)) throw new TypeError('readinto(buf, nbytes): nbytes must be an integer');
    if (nbytes < 0) throw new RangeError('readinto(buf, nbytes): nbytes must not be negative');
    const target = nbytes === undefined ? buf : buf.subarray(0, nbytes);
    return this._serialized('_reads', async () => {
      if (target.length === 0) return 0;
      if (this._readahead.length) return this._takeReadahead(target);
      return this._drive(() => this._checkEnd(this._conn.readInto(target)));
    });
  }

  /**
   * One line, with its '\n'; what is left at end of stream (maybe empty). In non-blocking mode
   * a partial line when the rest has not arrived, or null when nothing has (as MicroPython).
   */
  readline() {
    return this._serialized('_reads', async () => {
      const parts = [];
      for (;;) {
        const buffered = this._readahead;
        const nl = buffered.indexOf(NEWLINE);
        if (nl >= 0) {
          parts.push(buffered.subarray(0, nl + 1));
          this._readahead = buffered.subarray(nl + 1);
          return concat(parts);
        }
        if (buffered.length) parts.push(buffered);
        this._readahead = EMPTY;
        const chunk = await this._drive(() => this._checkEnd(this._conn.read(IO_CHUNK)));
        if (chunk === null) return parts.length ? concat(parts) : null;
        if (chunk.length === 0) return concat(parts);
        this._readahead = chunk;
      }
    });
  }

  /**
   * Encrypts and sends all of `bytes` (blocking), or as much as the transport takes now
   * (non-blocking: the count, or null when nothing could be sent; the next write must then
   * start with the same bytes, as with MicroPython over mbedtls).
   */
  async write(bytes) {
    const data = toBytes(bytes);
    return this._serialized('_writes', async () => {
      let sent = 0;
      while (sent < data.length) {
        const chunk = data.subarray(sent, sent + IO_CHUNK);
        const n = await this._drive(() => this._conn.write(chunk));
        if (n === null) return sent > 0 ? sent : null;
        sent += n;
      }
      return sent;
    });
  }

  /**
   * Sends close_notify, closes the transport and releases the engine connection. Blocking mode
   * waits until close_notify has gone out; non-blocking mode settles at once and finishes in the
   * background. Closing twice is harmless.
   */
  close() {
    if (!this._closing) {
      this._closed = true;
      this._closing = this._writes.then(() => this._finishClose());
    }
    return this._blocking ? this._closing : Promise.resolve();
  }

  async _finishClose() {
    try {
      this._closeNotify = this._conn.closeNotifyReceived();
      for (;;) {
        let r;
        try {
          r = this._conn.close();
        } catch {
          return; // the connection failed earlier or is gone: nothing left to say
        }
        if (r !== WANT_WRITE) return;
        await this._whenReady('write');
      }
    } finally {
      this._readahead = EMPTY;
      this._release();
    }
  }

  // ---- queries ------------------------------------------------------------------------------

  /** The cipher suite, by mbedtls name ("TLS1-3-AES-128-GCM-SHA256"); null before the handshake. */
  cipher() { return this._closed ? null : this._conn.cipher(); }

  /** "TLSv1.3" or "TLSv1.2"; null before the handshake. */
  version() { return this._closed ? null : this._conn.version(); }

  /** The ALPN protocol agreed on, or null. */
  selected_alpn_protocol() { return this._closed ? null : this._conn.alpnProtocol(); }

  /**
   * The peer's certificate: with binary_form, its DER bytes; otherwise { subject, issuer,
   * serial, not_before, not_after, subject_alt_names }. null when the peer sent none.
   */
  getpeercert(binary_form = false) {
    if (this._closed) return null;
    return binary_form ? this._conn.peerCertDer() : this._conn.peerCertInfo();
  }

  /**
   * The result of the peer certificate check: { verified, flags, errors } (errors: one line
   * per failed check; with CERT_OPTIONAL this is how a failure is seen), or null when no
   * check took place (CERT_NONE, or before the handshake).
   */
  verify_result() {
    if (this._closed || !this._conn.handshakeDone()) return null;
    const flags = this._conn.verifyFlags();
    if (flags === null) return null;
    return { verified: flags === 0, flags, errors: flags ? this._conn.verifyErrors() : [] };
  }

  /**
   * This socket as a Node stream.Duplex (Node only), e.g. the socket returned to
   * https.request's createConnection, or for pipe(). One view per socket.
   */
  duplex() {
    if (!this._duplexView) throw new TypeError('duplex() needs Node.js (a stream.Duplex view)');
    if (!this._duplex) this._duplex = this._duplexView(this);
    return this._duplex;
  }

  /**
   * A client's session, to pass as wrap_socket's `session` option for an abbreviated handshake
   * with the same server later; null before the handshake, on a server, or (TLS 1.3) until a
   * read has taken in the server's ticket.
   */
  session() { return this._closed ? null : this._conn.sessionSave(); }

  /** Whether the handshake resumed a session offered through `session`. */
  session_reused() { return !this._closed && this._conn.sessionResumed(); }

  /**
   * Whether the peer ended the connection with close_notify. False after an end that came only
   * from the transport (a TCP FIN or a closed WebSocket): with suppress_ragged_eofs (the
   * default) such an end reads as a clean end of stream, and this is how to tell it apart.
   */
  close_notify_received() { return this._closed ? this._closeNotify : this._conn.closeNotifyReceived(); }

  /** Decrypted bytes readable without waiting for the transport. */
  pending() { return this._closed ? 0 : this._readahead.length + this._conn.pending(); }

  // ---- the engine loop ----------------------------------------------------------------------

  /**
   * Runs op (a synchronous engine call) until it gives a value: waits on the transport when
   * the engine would block (or returns null in non-blocking mode), runs the verify callback
   * when the handshake pauses for it. Engine errors arrive thrown by the binding; an error the
   * verify callback threw replaces the handshake failure it caused.
   */
  async _drive(op) {
    const deadline = this._timeout ? Date.now() + this._timeout : 0;
    for (;;) {
      if (this._timedOut) throw this._timedOut;
      if (this._verifying) {
        if (!this._blocking) return null;
        await this._withinTimeout(this._verifying, deadline);
        continue;
      }
      let r;
      try {
        r = op();
      } catch (err) {
        const callbackError = this._callbackError;
        this._callbackError = null;
        throw callbackError || err;
      }
      if (typeof r !== 'number' || r >= 0) {
        this._pollDelay = 0;
        return r;
      }
      if (r === WANT_VERIFY) {
        this._runVerify();
        continue;
      }
      if (!this._blocking) return null;
      await this._withinTimeout(this._whenReady(r === WANT_READ ? 'read' : 'write'), deadline);
    }
  }

  /**
   * Waits for `promise`, but not past `deadline` (0: no limit). A timeout is final, as on a
   * socket: the transport is closed, and this and every later operation reject with ETIMEDOUT.
   */
  async _withinTimeout(promise, deadline) {
    if (!deadline) return promise;
    let timer;
    const expiry = new Promise((resolve) => { timer = setTimeout(resolve, Math.max(0, deadline - Date.now()), TIMED_OUT); });
    try {
      if (await Promise.race([promise, expiry]) !== TIMED_OUT) return undefined;
    } finally {
      clearTimeout(timer);
    }
    this._timedOut = this._conn.b.errorFor(-ETIMEDOUT);
    this._timedOut.message += ` (nothing moved within the timeout of ${this._timeout} ms)`;
    if (typeof this.transport.close === 'function') this.transport.close();
    throw this._timedOut;
  }

  /**
   * An end of stream (0, or no bytes) without close_notify is a truncation when
   * suppress_ragged_eofs is false: the transport ended, the peer never said it was done.
   */
  _checkEnd(r) {
    const ended = r === 0 || (r instanceof Uint8Array && r.length === 0);
    if (ended && !this._suppressRaggedEofs && !this._conn.closeNotifyReceived()) {
      throw this._conn.b.errorFor(ERR_CONN_EOF);
    }
    return r;
  }

  /**
   * Shows the verify callback each chain entry (DER, depth), root-most first, and answers the
   * engine: 0 (or nothing) accepts, a negative mbedtls code or any other truthy value vetoes.
   * Synchronous callbacks are answered at once; a callback returning a promise is awaited.
   */
  _runVerify(chain = this._conn.verifyChain(), from = 0) {
    let result = 0;
    try {
      for (let i = from; i < chain.length; i++) {
        const answer = this._verifyCallback(chain[i].der, chain[i].depth);
        if (answer && typeof answer.then === 'function') {
          this._verifying = answer.then(
            (value) => { this._verifying = null; this._finishVerify(chain, i, value); },
            (err) => { this._verifying = null; this._failVerify(err); });
          return;
        }
        result = verdict(answer);
        if (result !== 0) break;
      }
    } catch (err) {
      return this._failVerify(err);
    }
    this._completeVerify(result);
  }

  _finishVerify(chain, index, value) {
    const result = verdict(value);
    if (result !== 0) return this._completeVerify(result);
    if (index + 1 < chain.length) return this._runVerify(chain, index + 1);
    return this._completeVerify(0);
  }

  _failVerify(err) {
    this._callbackError = err;
    this._completeVerify(ERR_CERT_VERIFY_FAILED);
  }

  _completeVerify(result) {
    try {
      this._conn.verifyComplete(result);
    } catch {
      // A veto: the next engine call reports it (the engine keeps the error).
    }
  }

  _whenReady(direction) {
    const t = this.transport;
    if (typeof t.whenReady === 'function') return t.whenReady(direction);
    return pollReady(this);
  }

  _takeReadahead(target) {
    const n = Math.min(target.length, this._readahead.length);
    target.set(this._readahead.subarray(0, n));
    this._readahead = this._readahead.subarray(n);
    return n;
  }

  async _readSome(n) {
    if (n === 0) return EMPTY;
    if (this._readahead.length) {
      const out = this._readahead.slice(0, n);
      this._readahead = this._readahead.subarray(out.length);
      return out;
    }
    return this._drive(() => this._checkEnd(this._conn.read(n)));
  }

  async _readAll() {
    const parts = [];
    if (this._readahead.length) parts.push(this._readahead);
    this._readahead = EMPTY;
    for (;;) {
      const chunk = await this._drive(() => this._checkEnd(this._conn.read(IO_CHUNK)));
      if (chunk === null) return parts.length ? concat(parts) : null;
      if (chunk.length === 0) return concat(parts);
      parts.push(chunk);
    }
  }

  /** Runs fn after the previous operation of the same kind (reads or writes) has settled. */
  _serialized(queue, fn) {
    const run = this[queue].then(fn, fn);
    this[queue] = run.then(() => {}, () => {});
    return run;
  }
}

// The engine's answer for a verify callback's return value.
function verdict(value) {
  if (!value) return 0;
  return Number.isInteger(value) && value < 0 ? value : ERR_CERT_VERIFY_FAILED;
}

// A host stream without whenReady(): look again after a short, growing pause.
async function pollReady(socket) {
  socket._pollDelay = Math.min(Math.max(socket._pollDelay * 2, 1), 50);
  await new Promise((resolve) => setTimeout(resolve, socket._pollDelay));
}
