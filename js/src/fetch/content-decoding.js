// Content-Encoding gzip and deflate undone through the platform's DecompressionStream, as
// browsers and Node's fetch do; other codings (br, ...) are left as they came, as Node's does.
const FORMATS = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate' };

/**
 * HTTP's "deflate" is zlib-wrapped (RFC 9110), but some servers send it raw: a zlib stream
 * starts with a CMF/FLG pair whose 16-bit value is a multiple of 31 and method 8.
 */
function deflateFormat() {
  let format = null;
  return new TransformStream({
    transform(chunk, controller) {
      if (!format) {
        const zlib = chunk.length < 2 || ((chunk[0] & 0x0f) === 8 && ((chunk[0] << 8) | chunk[1]) % 31 === 0);
        format = new DecompressionStream(zlib ? 'deflate' : 'deflate-raw');
        this.writer = format.writable.getWriter();
        this.done = format.readable.pipeTo(new WritableStream({ write: (c) => controller.enqueue(c) }));
        this.done.catch(() => {}); // the write or flush reports it
      }
      return this.writer.write(chunk);
    },
    async flush() {
      if (!this.writer) return;
      await this.writer.close();
      await this.done;
    },
  });
}

/** `body` decoded by the codings named in `contentEncoding` (applied in order, undone in reverse). */
export function decodeContent(body, contentEncoding) {
  if (!body || !contentEncoding) return body;
  const codings = contentEncoding.toLowerCase().split(',').map((c) => c.trim()).filter(Boolean);
  if (!codings.every((c) => c in FORMATS || c === 'identity')) return body;
  for (const coding of codings.reverse()) {
    if (coding === 'identity') continue;
    body = body.pipeThrough(FORMATS[coding] === 'deflate' ? deflateFormat() : new DecompressionStream(FORMATS[coding]));
  }
  return body;
}
