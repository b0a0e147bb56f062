// Connection reuse, counted by the server's 'connection' events: one per origin while requests
// come one after another, at most maxConnectionsPerHost at once, a stale one replaced, and
// idle ones closed after idleTimeout and by close().
import { load } from '../../js/src/index.js';
import { loopbackFetch } from './support/node-fetch.js';
import { startHttpsServer } from './support/https-server.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition, ms = 5000) {
  for (const end = Date.now() + ms; !condition(); await sleep(10)) if (Date.now() > end) throw new Error('timed out');
}

let ssl, server;
const routes = {
  '/n': (req, res) => res.end(String(req.socket.bytesRead)),
  '/slow': (req, res) => setTimeout(() => res.end('slow'), 100),
  '/chunked': (req, res) => { res.write('a'); res.end('b'); },
};
beforeAll(async () => { ssl = await load(); });
beforeEach(async () => { server = await startHttpsServer(routes); });
afterEach(async () => { await server.stop(); });

test('five requests in a row, with bodies of either kind, go over one connection', async () => {
  const fetch = loopbackFetch(ssl);
  try {
    for (let i = 0; i < 5; i++) {
      expect((await fetch(server.url(i % 2 ? '/chunked' : '/n'))).status).toBe(200);
    }
    expect(server.counts.connections).toBe(1);
    expect(fetch.connects).toHaveLength(1);
  } finally {
    fetch.close();
  }
});

test('parallel requests open at most maxConnectionsPerHost connections; the rest wait their turn', async () => {
  const fetch = loopbackFetch(ssl, { maxConnectionsPerHost: 2 });
  try {
    const bodies = await Promise.all(Array.from({ length: 6 }, () => fetch(server.url('/slow')).then((r) => r.text())));
    expect(bodies).toEqual(Array(6).fill('slow'));
    expect(server.counts.connections).toBe(2);
  } finally {
    fetch.close();
  }
});

test('a kept connection the server closed meanwhile is replaced, and the request succeeds', async () => {
  server.server.keepAliveTimeout = 50;
  const fetch = loopbackFetch(ssl, { idleTimeout: 10000 });
  try {
    expect(await (await fetch(server.url('/n'))).text()).not.toBe('');
    await until(() => server.counts.closed === 1);
    expect((await fetch(server.url('/n'))).status).toBe(200);
    expect(server.counts.connections).toBe(2);
  } finally {
    fetch.close();
  }
});

test('an idle connection is closed after idleTimeout, and every idle one by close()', async () => {
  const fetch = loopbackFetch(ssl, { idleTimeout: 100 });
  await (await fetch(server.url('/n'))).text();
  await until(() => server.counts.closed === 1);
  await (await fetch(server.url('/n'))).text();
  expect(server.counts.connections).toBe(2);
  fetch.close();
  await until(() => server.counts.closed === 2);
});
