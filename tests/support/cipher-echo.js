// Checks a cipher kernel of the wasm builds against OpenSSL: each build's SIMD module and its
// scalar twin talk the given suites to a Node TLS echo server on loopback, with messages of the
// given lengths (chosen to cross the kernel's block, batch and record boundaries). Any keystream
// or authenticator error fails a record's tag.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { load } from '../../js/src/index.js';
import { certFile } from './paths.js';
import { clientOptions, sameBytes } from './ssl.js';

const BUILDS = [['emscripten', true], ['emscripten', false], ['wasi', true], ['wasi', false]];

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

/** Declares the tests: suites = [[mbedtls name, expected version], ...]. */
export function describeSuitesAgainstOpenSsl(suites, lengths) {
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

  describe.each(BUILDS)('%s build, simd %s', (runtime, simd) => {
    test.each(suites)('%s with OpenSSL, every length both ways', async (suite, version) => {
      const ssl = await load({ runtime, simd });
      const sock = net.connect(port, '127.0.0.1');
      await new Promise((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
      const s = await ssl.wrap_socket(sock, clientOptions(ssl, { ciphers: [suite] }));
      expect([s.version(), s.cipher()]).toEqual([version, suite]);
      for (const n of lengths) {
        const message = randomBytes(n);
        await s.write(message);
        expect(sameBytes(await readExactly(s, n), message)).toBe(true);
      }
      await s.close();
    });
  });
}
