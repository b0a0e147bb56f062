// A Web Streams pair { readable, writable } as a host stream. The readable side is read only
// while fewer than high-water-mark bytes wait (pull = incoming backpressure); the writable
// side takes bytes while its writer's desiredSize is positive and wakes writers on
// writer.ready.
import { WOULD_BLOCK } from '../engine/engine-instance.js';
import { HostStream } from './host-stream.js';
import { transportErrno, EPIPE } from './transport-errno.js';

export class WebStreamsHost extends HostStream {
  /** @param {{ readable: ReadableStream, writable: WritableStream }} pair */
  constructor(pair, options) {
    super(options);
    this._reader = pair.readable.getReader();
    this._writer = pair.writable.getWriter();
    this._writerFailed = false;
    this._pulling = false;
    this._writer.closed.catch(() => { this._writerFailed = true; this._writable(); });
    this._pull();
  }

  // Reads one chunk at a time, as long as the queue is below the mark.
  _pull() {
    if (this._pulling || this._paused || this._ended || this._closed || this._errno) return;
    this._pulling = true;
    this._reader.read().then(({ value, done }) => {
      this._pulling = false;
      if (done) return this._end();
      this._push(value instanceof Uint8Array ? value : new Uint8Array(value));
      this._pull();
    }, (err) => {
      this._pulling = false;
      this._fail(transportErrno(err));
    });
  }

  _resume() { this._pull(); }

  _canSend() {
    return this._writerFailed || this._writer.desiredSize === null || this._writer.desiredSize > 0;
  }

  _send(bytes) {
    if (this._writerFailed || this._writer.desiredSize === null) return -EPIPE;
    if (this._writer.desiredSize <= 0) {
      this._writer.ready.then(() => this._writable(), () => this._writable());
      return WOULD_BLOCK;
    }
    // The write's own promise is not awaited: a failure shows in writer.closed.
    this._writer.write(bytes.slice()).catch(() => {});
    return bytes.length;
  }

  _detach() {
    try {
      this._reader.releaseLock(); // the read already asked for is cancelled with it
      this._writer.releaseLock();
    } catch {
      // an older runtime refuses while a read is pending: the streams stay locked
    }
  }

  _close() {
    this._writer.close().catch(() => {});
    this._reader.cancel().catch(() => {});
  }
}
