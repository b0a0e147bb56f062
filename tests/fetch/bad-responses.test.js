// What a server may send that is not a usable HTTP/1.1 response: each fails as
// TypeError('fetch failed') with the reason as cause, in bounded time, and the connection is
// closed rather than kept (the server sees it go).
import { load } from '../../js/src/index.js';
import { loopbackFetch } from './support/node-fetch.js';
import { startHttpsServer } from './support/https-server.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition, ms = 5000) {
  for (const end = Date.now() + ms; !condition(); await sleep(10)) if (Date.now() > end) throw new Error('timed out');
}
const raw = (text) => (req, res) => res.socket.write(text);

let server, fetch;
beforeAll(async () => {
  server = await startHttpsServer({
    '/garbage': raw('NOT HTTP AT ALL\r\n\r\n'),
    '/huge-head': raw(`HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(100 * 1024)}\r\n\r\n`),
    '/bad-header-name': raw('HTTP/1.1 200 OK\r\nbad(name: x\r\ncontent-length: 2\r\n\r\nok'),
    '/status-600': raw('HTTP/1.1 600 Odd\r\ncontent-length: 2\r\n\r\nok'),
    '/bad-location': raw('HTTP/1.1 302 Found\r\nlocation: https://[bad\r\ncontent-length: 0\r\n\r\n'),
    '/switch': raw('HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\n\r\n'),
    '/closed': (req, res) => res.socket.destroy(),
  });
  fetch = loopbackFetch(await load(), { maxConnectionsPerHost: 1, idleTimeout: 60000 }); // closed, not kept idle
});
afterAll(async () => {
  fetch?.close();
  await server?.stop();
});

test.each([
  ['/garbage', /invalid HTTP response/],
  ['/huge-head', /invalid HTTP response: max header size exceeded/],
  ['/bad-header-name', /header/i],
  ['/status-600', /status/],
  ['/bad-location', /URL/],
  ['/switch', /switched protocols/],
  ['/closed', /closed before a response/],
])('%s: TypeError("fetch failed") with cause %p; the connection is closed and the next fetch gets a new one', async (path, cause) => {
  const before = server.counts.closed;
  const err = await fetch(server.url(path)).catch((e) => e);
  expect(err).toBeInstanceOf(TypeError);
  expect(err.message).toBe('fetch failed');
  expect(String(err.cause?.message)).toMatch(cause);
  await until(() => server.counts.closed === before + 1);
});
