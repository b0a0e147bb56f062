// Redirects as the Fetch standard has them: followed up to 20 times, 301/302 after POST and 303
// become GET without body, 307/308 keep method and body; redirect 'error' and 'manual'.
import { load } from '../../js/src/index.js';
import { loopbackFetch } from './support/node-fetch.js';
import { requestBody, startHttpsServer } from './support/https-server.js';

const redirect = (status, location) => (req, res) => res.writeHead(status, { location }).end('moved');
const routes = {
  '/echo': async (req, res) => {
    const body = await requestBody(req);
    res.end(JSON.stringify({ method: req.method, body: body.toString(), type: req.headers['content-type'] ?? null,
      authorization: req.headers.authorization ?? null }));
  },
  '/301': redirect(301, '/echo'),
  '/302': redirect(302, '/echo'),
  '/303': redirect(303, '/echo'),
  '/307': redirect(307, '/echo'),
  '/308': redirect(308, 'echo'), // relative to the redirecting URL
  '/loop': (req, res) => {
    const n = Number(new URL(req.url, 'https://x').searchParams.get('n'));
    res.writeHead(302, { location: n ? `/loop?n=${n - 1}` : '/echo' }).end();
  },
  '/to-http': redirect(302, 'http://localhost/echo'),
  // localhost -> 127.0.0.1: the same server, another origin
  '/cross-origin': (req, res) => res.writeHead(307, { location: `https://127.0.0.1:${req.socket.localPort}/echo` }).end(),
};

let server, fetch;
beforeAll(async () => {
  server = await startHttpsServer(routes);
  fetch = loopbackFetch(await load());
});
afterAll(async () => {
  fetch?.close();
  await server?.stop();
});

const post = { method: 'POST', body: 'payload', headers: { 'content-type': 'text/x-test', authorization: 'Bearer t' } };

test.each([
  ['/301', 'GET', ''], ['/302', 'GET', ''], ['/303', 'GET', ''], ['/307', 'POST', 'payload'], ['/308', 'POST', 'payload'],
])('POST to %s arrives as %s with body %j', async (path, method, body) => {
  const r = await fetch(server.url(path), post);
  expect(r.redirected).toBe(true);
  expect(r.url).toBe(server.url('/echo'));
  const seen = await r.json();
  expect(seen).toEqual({ method, body, type: body ? 'text/x-test' : null, authorization: 'Bearer t' });
});

test('20 redirects are followed, the 21st fails as TypeError("fetch failed")', async () => {
  expect(await (await fetch(server.url('/loop?n=19'))).json()).toMatchObject({ method: 'GET' });
  const err = await fetch(server.url('/loop?n=20')).catch((e) => e);
  expect(err).toBeInstanceOf(TypeError);
  expect(err.message).toBe('fetch failed');
  expect(err.cause.message).toMatch(/more than 20 redirects/);
});

test("redirect: 'error' fails on the first redirect; 'manual' returns it", async () => {
  const err = await fetch(server.url('/302'), { redirect: 'error' }).catch((e) => e);
  expect(err.message).toBe('fetch failed');
  expect(err.cause.message).toMatch(/unexpected redirect \(302\)/);
  const manual = await fetch(server.url('/302'), { redirect: 'manual' });
  expect(manual.status).toBe(302);
  expect(manual.headers.get('location')).toBe('/echo');
  expect(await manual.text()).toBe('moved');
});

test('a redirect to another origin keeps method and body but not the Authorization header', async () => {
  const r = await fetch(server.url('/cross-origin'), post);
  expect(r.url).toBe(`https://127.0.0.1:${server.port}/echo`);
  expect(await r.json()).toEqual({ method: 'POST', body: 'payload', type: 'text/x-test', authorization: null });
});

test('a redirect to http: fails, since this fetch speaks https: only', async () => {
  const err = await fetch(server.url('/to-http')).catch((e) => e);
  expect(err.message).toBe('fetch failed');
  expect(err.cause).toBeInstanceOf(TypeError);
  expect(err.cause.message).toMatch(/https: only/);
});
