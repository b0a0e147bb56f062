#!/usr/bin/env node
// Bytes per second of one 16 MiB transfer through the in-memory pair, wasm client to wasm
// server in one instance (both ends' encryption and decryption on this one thread), for each
// build and the cipher suite each side prefers. A figure to read, not a test.
//   node examples/throughput/memory-pair.mjs [MiB]
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { load } from '../../js/src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const certs = `${root}build/certs`;
execFileSync(`${root}tests/certs/make-certs.sh`, [certs]);
const file = (name) => new Uint8Array(readFileSync(`${certs}/${name}`));
const SIZE = (Number(process.argv[2]) || 16) << 20;
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

const payload = randomBytes(SIZE);
for (const runtime of ['emscripten', 'wasi']) {
  for (const suite of [null, 'TLS1-3-AES-128-GCM-SHA256']) {
    const ssl = await load({ runtime });
    const [a, b] = ssl.memoryPair();
    const [client, server] = await Promise.all([
      ssl.wrap_socket(a, { cert_reqs: ssl.CERT_REQUIRED, cadata: file('ca.der'), server_hostname: 'localhost',
        ...(suite ? { ciphers: [suite] } : {}) }),
      ssl.wrap_socket(b, { server_side: true, key: file('server.key'), cert: file('server.crt') }),
    ]);
    const cipher = client.cipher();
    const hash = createHash('sha256');
    let received = 0;
    const start = performance.now();
    await Promise.all([
      client.write(payload).then(() => client.close()),
      (async () => {
        for (;;) {
          const chunk = await server.read(16384);
          if (chunk.length === 0) break;
          hash.update(chunk);
          received += chunk.length;
        }
      })(),
    ]);
    const seconds = (performance.now() - start) / 1000;
    await server.close();
    const exact = received === SIZE && hash.digest('hex') === sha256(payload);
    console.log(`${runtime.padEnd(10)} ${cipher.padEnd(32)} ` +
      `${SIZE >> 20} MiB in ${seconds.toFixed(3)} s = ${(SIZE / seconds / 1e6).toFixed(1)} MB/s ` +
      `(${(SIZE / seconds / 1048576).toFixed(1)} MiB/s)${exact ? ', byte-exact' : ', MISMATCH'}`);
  }
}
