// One Wisp stream as a host stream: what wrap_socket takes. Bytes written go out as DATA
// packets while the stream has credit (packets the server still buffers for it, as its last
// CONTINUE said) and the shared WebSocket is below its high-water mark; otherwise the write is
// WOULD_BLOCK until a CONTINUE or a drain wakes it. A CLOSE from the server ends the stream:
// VOLUNTARY as end of stream, any other reason as its errno (refused → ECONNREFUSED, ...).
import { WOULD_BLOCK } from '../engine/engine.js';
import { HostStream } from '../streams/host-stream.js';
import { EPIPE } from '../streams/transport-errno.js';
import { errnoOfReason } from './close-reasons.js';

export class WispStream extends HostStream {
  /**
   * @param {import('./session.js').WispSession} session
   * @param {number} id
   * @param {string} host
   * @param {number} port
   */
  constructor(session, id, host, port, options) {
    super(options);
    this.session = session;
    this.id = id;
    this.host = host;
    this.port = port;
    /** DATA packets this stream may still send (set by the server's CONTINUE packets). */
    this.credit = 0;
    /** The server's CLOSE reason, once it closed the stream (null while open). */
    this.closeReason = null;
    this._open = true; // neither side has closed the stream
  }

  _canSend() {
    return !this._open || (this.credit > 0 && this.session._canSend());
  }

  _send(bytes) {
    if (!this._open) return -EPIPE;
    if (!this._canSend()) {
      this.session._watchDrain();
      return WOULD_BLOCK;
    }
    const n = Math.min(bytes.length, this.session.maxDataSize);
    this.credit--;
    this.session._sendData(this, bytes.subarray(0, n));
    return n;
  }

  _close() {
    if (!this._open) return;
    this._open = false;
    this.session._closeStream(this);
  }

  // ---- called by the session ---------------------------------------------------------------

  _credit(packets) {
    this.credit = packets;
    this._writable();
  }

  /** The server closed the stream (reason), or the WebSocket is gone (errno). */
  _remoteClosed(reason, errno = errnoOfReason(reason)) {
    this._open = false;
    this.closeReason = reason;
    if (errno) this._fail(errno); else this._end();
  }
}
