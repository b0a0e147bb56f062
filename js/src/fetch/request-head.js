// The bytes of an HTTP/1.1 request head. The connection's own headers (Host, Content-Length,
// Connection, Transfer-Encoding, ...) are this module's to write: the caller's are dropped.
const OWN = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te']);
const BODY_EXPECTED = new Set(['POST', 'PUT', 'PATCH']);

/** Header values are byte strings (Headers refuses others): one byte per character. */
function latin1(text) {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * @param {string} method   as Request normalised it
 * @param {URL} url
 * @param {Headers} headers
 * @param {Uint8Array|null} body
 */
export function requestHead(method, url, headers, body) {
  const lines = [`${method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of headers) if (!OWN.has(name)) lines.push(`${name}: ${value}`);
  if (!headers.has('accept')) lines.push('accept: */*');
  if (!headers.has('accept-encoding')) lines.push('accept-encoding: gzip, deflate');
  if (body) lines.push(`content-length: ${body.length}`);
  else if (BODY_EXPECTED.has(method)) lines.push('content-length: 0');
  return latin1(lines.join('\r\n') + '\r\n\r\n');
}
