// AbortSignal ends a fetch wherever it is: while connecting, during the handshake, waiting for
// the response, and mid-body; the promise or the body rejects with the signal's reason, and the
// connection is closed (the server sees it go).
import net from 'node:net';
import { load } from '../../js/src/index.js';
import { createFetch } from '../../js/src/fetch/index.js';
import { certFile } from '../support/paths.js';
import { loopbackFetch } from './support/node-fetch.js';
import { startHttpsServer } from './support/https-server.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition, ms = 5000) {
  for (const end = Date.now() + ms; !condition(); await sleep(10)) if (Date.now() > end) throw new Error('timed out');
}

let ssl, server, fetch;
const routes = {
  '/never': () => {}, // no answer
  '/endless': (req, res) => {
    res.writeHead(200);
    const timer = setInterval(() => res.write('x'.repeat(1000)), 5);
    res.on('close', () => clearInterval(timer));
  },
};
beforeAll(async () => {
  ssl = await load();
  server = await startHttpsServer(routes);
  fetch = loopbackFetch(ssl);
});
afterAll(async () => {
  fetch?.close();
  await server?.stop();
});

test('an already aborted signal rejects at once, with its reason, before any connection', async () => {
  const controller = new AbortController();
  controller.abort();
  const err = await fetch(server.url('/never'), { signal: controller.signal }).catch((e) => e);
  expect(err.name).toBe('AbortError');
  expect(fetch.connects).toEqual([]);
});

test('abort while waiting for the response: AbortError, and the connection closes', async () => {
  const before = server.counts.closed;
  const err = await fetch(server.url('/never'), { signal: AbortSignal.timeout(200) }).catch((e) => e);
  expect(err.name).toBe('TimeoutError');
  await until(() => server.counts.closed === before + 1);
});

test('abort mid-body: the body read rejects with the reason, and the connection closes', async () => {
  const controller = new AbortController();
  const before = server.counts.closed;
  const r = await fetch(server.url('/endless'), { signal: controller.signal });
  const reader = r.body.getReader();
  expect((await reader.read()).value.length).toBeGreaterThan(0);
  controller.abort(new Error('enough'));
  const err = await (async () => { for (;;) if ((await reader.read()).done) return null; })().catch((e) => e);
  expect(err?.message).toBe('enough');
  await until(() => server.counts.closed === before + 1);
});

test('abort while connecting: the pending connect is abandoned and its transport closed when it comes', async () => {
  let made = null;
  const slow = createFetch({ ssl, cadata: certFile('ca.crt'), connect: (host, port) => sleep(300).then(() => {
    made = net.connect(port, '127.0.0.1');
    return made;
  }) });
  const err = await slow(server.url('/never'), { signal: AbortSignal.timeout(50) }).catch((e) => e);
  expect(err.name).toBe('TimeoutError');
  await until(() => made?.destroyed);
});

test('abort during the handshake (a TCP peer that never answers TLS) ends it', async () => {
  const silent = net.createServer(() => {});
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const sockets = [];
  let closed = 0;
  silent.on('connection', (s) => {
    sockets.push(s);
    s.on('error', () => {}).on('close', () => { closed++; }).resume();
  });
  try {
    const mute = loopbackFetch(ssl);
    const started = Date.now();
    const err = await mute(`https://localhost:${silent.address().port}/`, { signal: AbortSignal.timeout(200) }).catch((e) => e);
    expect(err.name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(3000);
    await until(() => sockets.length === 1 && closed === 1);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});
