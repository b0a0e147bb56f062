// One HTTP/1.1 connection over an SSLSocket: writes a request, parses the response with
// http-parser-js as bytes arrive, and streams the body as the consumer reads it. Whether the
// connection may serve another request is decided here, once per exchange, through `release`.
import { HTTPParser } from 'http-parser-js';
import { abortable, abortReason, terminated } from './errors.js';
import { parserBytes } from './parser-bytes.js';

const READ_SIZE = 64 * 1024;

/**
 * A reused connection that failed before any byte of the response came: the server had closed
 * it while idle, so the request can be sent again on a new one.
 */
export class StaleConnection extends Error {}

export class HttpConnection {
  constructor(socket) {
    this.socket = socket;
    this.exchanges = 0;
    this.closed = false;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.socket.close().catch(() => {});
  }

  /**
   * Sends `request` (head and body bytes) and resolves with the response head: { status,
   * statusText, headers (flat [name, value, ...]), body (a ReadableStream of the body bytes) }.
   * `release(reusable)` runs once, when the response ended, failed or was cancelled, and for a
   * response that came whole with its head, when the caller calls `keep()`.
   */
  async exchange(request, { isHead, signal, release }) {
    this.exchanges++;
    const parser = new HTTPParser(HTTPParser.RESPONSE);
    const chunks = [];
    let info = null, complete = false, reusable = true, received = 0, settled = false;
    let controller = null, onAbort = null;
    parser[HTTPParser.kOnHeadersComplete] = (i) => {
      if (i.statusCode >= 100 && i.statusCode < 200 && i.statusCode !== 101) return false; // 100, 103: the real one follows
      info = i;
      return isHead; // a HEAD response has no body, whatever its Content-Length says
    };
    parser[HTTPParser.kOnBody] = (chunk) => { chunks.push(chunk); };
    parser[HTTPParser.kOnMessageComplete] = () => { if (info) complete = true; };

    const finish = (ok) => {
      if (settled) return;
      settled = true;
      if (onAbort) signal.removeEventListener('abort', onAbort);
      if (!ok) this.close();
      release(ok && !this.closed);
    };
    const pump = async () => {
      const data = await this.socket.read(READ_SIZE);
      if (data.length === 0) { // the end of the connection ends a body that has no length
        reusable = false;
        parser.finish();
        if (!complete) throw new Error(info ? 'the connection closed before the response ended' : 'the connection closed before a response');
        return;
      }
      received += data.length;
      const result = parser.execute(parserBytes(data));
      if (result instanceof Error && !complete) throw Object.assign(new Error(`invalid HTTP response: ${result.message}`, { cause: result }), { code: result.code });
      // bytes after the response (an error, or a response nobody asked for): not reusable
      if (complete && (result instanceof Error || parser.state !== 'RESPONSE_LINE' || parser.line)) reusable = false;
    };

    try {
      await abortable((async () => {
        await this.socket.write(request);
        while (!info) await pump();
      })(), signal, () => finish(false));
    } catch (err) {
      finish(false);
      if (signal?.aborted) throw err;
      if (this.exchanges > 1 && received === 0) throw new StaleConnection(err.message, { cause: err });
      throw err;
    }
    if (info.statusCode === 101) {
      finish(false);
      throw new Error('the server switched protocols (101), which fetch does not do');
    }
    const keepAlive = info.shouldKeepAlive;

    const body = new ReadableStream({
      start(c) { controller = c; },
      async pull(c) {
        try {
          while (!chunks.length && !complete) await pump();
        } catch (err) {
          if (settled) return; // aborted or cancelled meanwhile
          finish(false);
          c.error(terminated(err));
          return;
        }
        if (settled && !complete) return;
        for (const chunk of chunks.splice(0)) c.enqueue(chunk);
        if (complete) {
          c.close();
          finish(reusable && keepAlive);
        }
      },
      cancel() { finish(false); },
    }, { highWaterMark: 0 });
    if (!complete && signal) {
      onAbort = () => { controller.error(abortReason(signal)); finish(false); };
      signal.addEventListener('abort', onAbort, { once: true });
    }
    // A response that arrived whole with its head frees the connection only once the caller
    // accepted it (keep): one it refuses (a bad header, status, ...) is cancelled, which closes it.
    const keep = () => { if (complete) finish(reusable && keepAlive); };
    return { status: info.statusCode, statusText: info.statusMessage, headers: info.headers, body, keep };
  }
}
