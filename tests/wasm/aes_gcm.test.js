// The constant-time AES and GCM of the wasm builds (src/crypto/aes.cpp, ghash.cpp, gcm.cpp),
// checked against OpenSSL: each build's SIMD module (8 blocks per batch) and its scalar twin
// (4 per batch) talk every AES-GCM suite (TLS 1.3 and TLS 1.2) to a Node TLS echo server on
// loopback, with messages whose lengths cross every boundary of the kernels (16-byte blocks,
// 64- and 128-byte batches, records). Any keystream or GHASH error fails a record's tag.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { load } from '../../js/src/index.js';
import { certFile } from '../support/paths.js';
import { clientOptions, sameBytes } from '../support/ssl.js';

const LENGTHS = [1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 255, 1000, 4109, 16383, 16384, 40000];
const SUITES = [
  ['TLS1-3-AES-128-GCM-SHA256', 'TLSv1.3'],
  ['TLS1-3-AES-256-GCM-SHA384', 'TLSv1.3'],
  ['TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256', 'TLSv1.2'],
  ['TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384', 'TLSv1.2'],
];

let server, port;
const open = new Set();
beforeAll(async () => {
  const pem = (name) => Buffer.from(certFile(name));
  server = tls.createServer({ key: pem('server.key'), cert: pem('server.crt'), minVersion: 'TLSv1.2' },
    (socket) => { socket.pipe(socket); socket.on('error', () => socket.destroy()); });
  // A record OpenSSL cannot authenticate ends the connection at once, never leaves it hanging.
  server.on('tlsClientError', (_err, socket) => socket.destroy());
  server.on('connection', (raw) => { open.add(raw); raw.on('close', () => open.delete(raw)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
});
afterAll(() => {
  for (const raw of open) raw.destroy();
  return new Promise((resolve) => server.close(resolve));
});

async function readExactly(socket, n) {
  const parts = [];
  let got = 0;
  while (got < n) {
    const chunk = await socket.read(n - got);
    if (chunk.length === 0) throw new Error(`end of stream after ${got} of ${n} bytes`);
    parts.push(chunk);
    got += chunk.length;
  }
  return Buffer.concat(parts);
}

describe.each([['emscripten', true], ['emscripten', false], ['wasi', true], ['wasi', false]])(
  '%s build, simd %s', (runtime, simd) => {
    test.each(SUITES)('%s with OpenSSL, every length both ways', async (suite, version) => {
      const ssl = await load({ runtime, simd });
      const sock = net.connect(port, '127.0.0.1');
      await new Promise((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
      const s = await ssl.wrap_socket(sock, clientOptions(ssl, { ciphers: [suite] }));
      expect([s.version(), s.cipher()]).toEqual([version, suite]);
      for (const n of LENGTHS) {
        const message = randomBytes(n);
        await s.write(message);
        expect(sameBytes(await readExactly(s, n), message)).toBe(true);
      }
      await s.close();
    });
  });
