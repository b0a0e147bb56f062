// wasm-ssl/fetch against `openssl s_server -WWW` (a static file server over TLS, HTTP/1.0 whose
// bodies end with the connection): a file byte-exact, a second GET on a new connection, its head.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from '../../js/src/index.js';
import { startSServer } from '../../examples/shared/openssl-s-server.mjs';
import { certDir } from '../support/paths.js';
import { loopbackFetch } from './support/node-fetch.js';

const file = randomBytes(300 * 1024);
let dir, server, fetch;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'wasm-ssl-www-'));
  writeFileSync(path.join(dir, 'file.bin'), file);
  writeFileSync(path.join(dir, 'hello.txt'), 'hello from s_server\n');
  server = await startSServer(['-cert', `${certDir}/server.crt`, '-key', `${certDir}/server.key`, '-WWW'], { cwd: dir });
  fetch = loopbackFetch(await load());
});
afterAll(async () => {
  fetch?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a static file arrives byte-exact; a second GET works on a new connection', async () => {
  const r = await fetch(`https://localhost:${server.port}/file.bin`);
  expect(r.status).toBe(200);
  expect(Buffer.from(await r.arrayBuffer()).equals(file)).toBe(true);
  expect(await (await fetch(`https://localhost:${server.port}/hello.txt`)).text()).toBe('hello from s_server\n');
  expect(fetch.connects).toHaveLength(2); // HTTP/1.0 without keep-alive: no reuse
});

test('s_server\'s HTTP/1.0 head comes through: status text, Content-type (its 200 even for a missing file)', async () => {
  const r = await fetch(`https://localhost:${server.port}/missing.txt`);
  expect([r.status, r.statusText, r.headers.get('content-type')]).toEqual([200, 'ok', 'text/plain']);
  expect(await r.text()).toMatch(/^Error opening 'missing.txt'/);
});
