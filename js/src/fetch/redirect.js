// Where a redirect leads and with what request, as the Fetch standard's "HTTP-redirect fetch".
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CONTENT_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

export const MAX_REDIRECTS = 20;

/** The absolute URL a redirect response points to, or null when it is no redirect. */
export function redirectTarget(status, headers, base) {
  if (!REDIRECTS.has(status)) return null;
  const location = headers.get('location');
  if (location === null) return null;
  return new URL(location, base);
}

/**
 * The request that follows a `status` redirect from `current` ({ url, method, headers, body })
 * to `target`: 303 (but for HEAD), and 301/302 after POST, become a GET without body; 307/308
 * keep method and body. Credentials do not cross to another origin.
 */
export function followRedirect(status, current, target) {
  const next = { ...current, url: target, headers: new Headers(current.headers) };
  if ((status === 303 && current.method !== 'HEAD') || ((status === 301 || status === 302) && current.method === 'POST')) {
    next.method = 'GET';
    next.body = null;
    for (const name of CONTENT_HEADERS) next.headers.delete(name);
  }
  if (target.origin !== current.url.origin) for (const name of CREDENTIAL_HEADERS) next.headers.delete(name);
  return next;
}
