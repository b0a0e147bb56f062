// wasm-ssl/fetch against Node's https server on loopback: bodies as HTTP/1.1 sends them
// (Content-Length, chunked, until close), Content-Encoding, HEAD and 204, request bodies, and
// Response.body streamed as the bytes arrive.
import { createHash, randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { load } from '../../js/src/index.js';
import { loopbackFetch } from './support/node-fetch.js';
import { requestBody, startHttpsServer } from './support/https-server.js';

const big = randomBytes(6 * 1024 * 1024 + 123);
let firstChunkRead;
const routes = {
  '/hello': (req, res) => res.writeHead(200, { 'x-answer': '42' }).end('hello'),
  '/chunked': (req, res) => {
    res.write('one,');
    setTimeout(() => { res.write('two,'); res.end('three'); }, 20);
  },
  '/until-close': (req, res) => {
    res.socket.write('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nbody without a length');
    res.socket.end();
  },
  '/gzip': (req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('zipped '.repeat(1000))),
  '/deflate': (req, res) => res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateSync('deflated')),
  '/deflate-raw': (req, res) => res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateRawSync('raw deflate')),
  '/br': (req, res) => res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync('brotli')),
  '/echo': async (req, res) => {
    const body = await requestBody(req);
    res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ method: req.method, headers: req.headers, body: body.toString() }));
  },
  '/no-content': (req, res) => res.writeHead(204).end(),
  '/big': (req, res) => res.writeHead(200, { 'content-length': big.length }).end(big),
  '/stream': (req, res) => {
    // The rest is sent only once the client has read the first part: a fetch that waited for
    // the whole body would wait here until its timeout.
    res.write('first part;');
    firstChunkRead.then(() => res.end('second part'));
  },
  '/cut': (req, res) => {
    res.writeHead(200, { 'content-length': 1000 });
    res.write('only some of it');
    setTimeout(() => res.socket.destroy(), 50);
  },
};

let server, ssl, fetch;
beforeAll(async () => {
  server = await startHttpsServer(routes);
  ssl = await load();
  fetch = loopbackFetch(ssl);
});
afterAll(async () => {
  fetch?.close();
  await server?.stop();
});

test('a GET: status, headers, body, url, verified against the test CA', async () => {
  const r = await fetch(server.url('/hello'));
  expect(r.status).toBe(200);
  expect(r.ok).toBe(true);
  expect(r.headers.get('x-answer')).toBe('42');
  expect(r.url).toBe(server.url('/hello'));
  expect(r.redirected).toBe(false);
  expect(await r.text()).toBe('hello');
  expect(fetch.connects).toEqual([`localhost:${server.port}`]);
});

test('a chunked body arrives whole, and a body delimited by the connection\'s end too', async () => {
  const chunked = await fetch(server.url('/chunked'));
  expect(chunked.headers.get('transfer-encoding')).toBe('chunked');
  expect(await chunked.text()).toBe('one,two,three');
  expect(await (await fetch(server.url('/until-close'))).text()).toBe('body without a length');
});

test('Content-Encoding gzip and deflate (zlib-wrapped or raw) are decoded; br is passed through', async () => {
  const gzip = await fetch(server.url('/gzip'));
  expect(gzip.headers.get('content-encoding')).toBe('gzip');
  expect(await gzip.text()).toBe('zipped '.repeat(1000));
  expect(await (await fetch(server.url('/deflate'))).text()).toBe('deflated');
  expect(await (await fetch(server.url('/deflate-raw'))).text()).toBe('raw deflate');
  const br = new Uint8Array(await (await fetch(server.url('/br'))).arrayBuffer());
  expect(Buffer.from(br)).toEqual(zlib.brotliCompressSync('brotli'));
});

test('the request: method, headers as given, a body with its Content-Length, Accept-Encoding offered', async () => {
  const r = await fetch(server.url('/echo?q=1'), { method: 'POST', body: 'a=1&b=2',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'c=3', 'x-custom': 'yes' } });
  const seen = await r.json();
  expect(seen).toMatchObject({ method: 'POST', body: 'a=1&b=2' });
  expect(seen.headers).toMatchObject({ host: `localhost:${server.port}`, 'content-length': '7', cookie: 'c=3',
    'content-type': 'application/x-www-form-urlencoded', 'x-custom': 'yes', 'accept-encoding': 'gzip, deflate' });
  const json = await (await fetch(new Request(server.url('/echo'), { method: 'PUT', body: JSON.stringify({ x: 1 }) }))).json();
  expect(json).toMatchObject({ method: 'PUT', body: '{"x":1}', headers: { 'content-type': 'text/plain;charset=UTF-8' } });
});

test('HEAD and 204 give a null body', async () => {
  const head = await fetch(server.url('/hello'), { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.body).toBeNull();
  const none = await fetch(server.url('/no-content'));
  expect(none.status).toBe(204);
  expect(none.body).toBeNull();
  expect(await (await fetch(server.url('/hello'))).text()).toBe('hello'); // the connection still serves
});

test('a 6 MiB body arrives byte-exact through Response.body', async () => {
  const r = await fetch(server.url('/big'));
  const hash = createHash('sha256');
  let length = 0, reads = 0;
  for await (const chunk of r.body) {
    hash.update(chunk);
    length += chunk.length;
    reads++;
  }
  expect(length).toBe(big.length);
  expect(hash.digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
  expect(reads).toBeGreaterThan(10); // streamed, not handed over as one piece
}, 60000);

test('Response.body gives the first bytes before the server has sent the rest', async () => {
  let release;
  firstChunkRead = new Promise((resolve) => { release = resolve; });
  const r = await fetch(server.url('/stream'));
  const reader = r.body.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toBe('first part;');
  release();
  let rest = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
  expect(rest).toBe('second part');
});

test('a connection cut mid-body fails the body with TypeError("terminated") and a cause', async () => {
  const r = await fetch(server.url('/cut'));
  const err = await r.text().catch((e) => e);
  expect(err).toBeInstanceOf(TypeError);
  expect(err.message).toBe('terminated');
  expect(err.cause).toBeInstanceOf(Error);
});

test('the WASI build serves fetch as well', async () => {
  const wasiFetch = loopbackFetch(await load({ runtime: 'wasi' }));
  try {
    expect(await (await wasiFetch(server.url('/gzip'))).text()).toBe('zipped '.repeat(1000));
  } finally {
    wasiFetch.close();
  }
});
