// createFetch(): a function with fetch's signature whose connections are wasm-ssl's. https:
// only: an http: URL (or a redirect to one) fails as TypeError('fetch failed'), since the
// point of this fetch is the TLS it verifies; the platform's own fetch serves plain http.
import { HttpConnection, StaleConnection } from './connection.js';
import { decodeContent } from './content-decoding.js';
import { abortReason, fetchFailed } from './errors.js';
import { ConnectionPool } from './pool.js';
import { followRedirect, MAX_REDIRECTS, redirectTarget } from './redirect.js';
import { requestHead } from './request-head.js';
import { connectTls } from './tls-connect.js';

const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const TLS_OPTIONS = ['cert_reqs', 'cadata', 'key', 'cert', 'keyfile', 'certfile', 'verify_profile',
  'max_chain_depth', 'verify_callback', 'ciphers', 'timeout', 'highWaterMark'];

/**
 * @param {object} options
 * @param {object} options.ssl  what load() resolved to
 * @param {(host: string, port: number, o: { signal?: AbortSignal }) => unknown} options.connect
 *   a transport wrap_socket accepts, to host:port (or a promise of one)
 * cert_reqs (default CERT_REQUIRED), cadata (required unless CERT_NONE: no default, so that
 * bundles carry wasm-ssl/roots' 220 KB only when asked to), key/cert or
 * keyfile/certfile, verify_profile, ...: wrap_socket's options for every connection.
 * maxConnectionsPerHost (default 6), idleTimeout (ms an idle connection is kept, default 4000).
 */
export function createFetch(options = {}) {
  const { ssl, connect } = options;
  if (!ssl || typeof ssl.wrap_socket !== 'function') throw new TypeError('createFetch: `ssl` must be what load() resolved to');
  if (typeof connect !== 'function') throw new TypeError('createFetch: `connect(host, port)` must be a function returning a transport');
  const tls = { cert_reqs: ssl.CERT_REQUIRED };
  for (const name of TLS_OPTIONS) if (options[name] !== undefined) tls[name] = options[name];
  if (tls.cadata === undefined && tls.cert_reqs !== ssl.CERT_NONE) {
    throw new TypeError('createFetch: cadata is required to verify servers: your CA, or `await roots()` from wasm-ssl/roots for public ones');
  }
  const pool = new ConnectionPool({
    maxPerOrigin: options.maxConnectionsPerHost ?? 6,
    idleTimeout: options.idleTimeout ?? 4000,
    async open(host, port, signal) {
      return new HttpConnection(await connectTls({ ssl, connect, tls }, host, port, signal));
    },
  });

  /** One request and its response head, on a pooled connection (again on a new one if the pooled one had gone stale). */
  async function exchange({ url, method, headers, body }, signal) {
    if (url.protocol !== 'https:') throw new TypeError(`wasm-ssl/fetch speaks https: only, not ${url.protocol}`);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port) || 443;
    const head = requestHead(method, url, headers, body);
    const bytes = body ? concat(head, body) : head;
    for (let attempt = 0; ; attempt++) {
      const conn = await pool.acquire(host, port, signal);
      try {
        return await conn.exchange(bytes, { isHead: method === 'HEAD', signal, release: (ok) => pool.release(conn, ok) });
      } catch (err) {
        if (!(err instanceof StaleConnection) || attempt > 0 || !IDEMPOTENT.has(method)) throw err instanceof StaleConnection ? err.cause : err;
      }
    }
  }

  async function fetch(input, init = undefined) {
    const request = new Request(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
    if (signal?.aborted) throw abortReason(signal);
    try {
      // Headers as given (a Request would drop the "forbidden" ones in browsers, such as Cookie).
      const headers = new Headers(init?.headers ?? request.headers);
      if (!headers.has('content-type') && request.headers.has('content-type')) headers.set('content-type', request.headers.get('content-type'));
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
      let current = { url: new URL(request.url), method: request.method, headers, body };
      for (let redirects = 0; ; redirects++) {
        const r = await exchange(current, signal);
        let body = r.body;
        try {
          const responseHeaders = new Headers();
          for (let i = 0; i < r.headers.length; i += 2) responseHeaders.append(r.headers[i], r.headers[i + 1]);
          const target = redirectTarget(r.status, responseHeaders, current.url);
          if (target && request.redirect !== 'manual') {
            r.keep();
            await body.cancel(); // a body still to come is not drained: its connection is closed
            if (request.redirect === 'error') throw new Error(`unexpected redirect (${r.status}) to ${target.href}`);
            if (redirects === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
            current = followRedirect(r.status, current, target);
            continue;
          }
          const nullBody = NULL_BODY.has(r.status) || current.method === 'HEAD';
          if (nullBody) {
            r.keep();
            await body.cancel();
          } else body = decodeContent(body, responseHeaders.get('content-encoding'));
          const response = new Response(nullBody ? null : body, { status: r.status, statusText: r.statusText, headers: responseHeaders });
          Object.defineProperty(response, 'url', { value: current.url.href });
          Object.defineProperty(response, 'redirected', { value: redirects > 0 });
          r.keep();
          return response;
        } catch (err) {
          body.cancel().catch(() => {}); // a response refused here (a bad header, status or Location) frees its connection
          throw err;
        }
      }
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal);
      throw fetchFailed(err);
    }
  }
  fetch.close = () => pool.close();
  return fetch;
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
