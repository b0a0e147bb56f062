// The hand-written ChaCha20 of the wasm builds (src/crypto/chacha20.cpp), checked against
// OpenSSL: each build's SIMD module and its scalar twin talk ChaCha20-Poly1305 (TLS 1.3 and
// TLS 1.2) to a Node TLS echo server on loopback, with messages whose lengths cross every
// boundary of the kernel (64-byte blocks, 256-byte SIMD strides, records). Any keystream error
// fails a record's tag. Also: the scalar twins really are free of SIMD, load() picks them when
// asked, and inside wasm ChaCha20-Poly1305 is what the engine prefers unless told otherwise.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { load } from '../../js/src/index.js';
import { wasmFile } from '../../js/src/engine/wasm-source.js';
import { certFile, distDir } from '../support/paths.js';
import { RUNTIMES, clientOptions, connectedPair, loadSsl, sameBytes } from '../support/ssl.js';

const LENGTHS = [1, 63, 64, 65, 127, 255, 256, 257, 319, 511, 512, 1000, 4109, 16383, 16384, 40000];
const SUITES = [
  ['TLS1-3-CHACHA20-POLY1305-SHA256', 'TLSv1.3'],
  ['TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256', 'TLSv1.2'],
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

test('the scalar twins contain no SIMD and the default modules do (checked by binaryen without SIMD)', () => {
  const validWithoutSimd = (file) => {
    try {
      execFileSync('wasm-opt', ['--mvp-features', `${distDir}/${file}`, '-o', '/dev/null'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  };
  expect(validWithoutSimd('wasm_ssl_scalar.wasm')).toBe(true);
  expect(validWithoutSimd('wasm_ssl_wasi_scalar.wasm')).toBe(true);
  expect(validWithoutSimd('wasm_ssl.wasm')).toBe(false);
  expect(validWithoutSimd('wasm_ssl_wasi.wasm')).toBe(false);
});

test('load() picks the scalar twin on request, and the twins have the same imports and exports', () => {
  expect(wasmFile('wasm_ssl', { simd: false })).toBe('wasm_ssl_scalar.wasm');
  expect(wasmFile('wasm_ssl', { simd: true })).toBe('wasm_ssl.wasm');
  expect(wasmFile('wasm_ssl_wasi', {})).toBe('wasm_ssl_wasi.wasm'); // Node has SIMD
  const shape = (file) => {
    const m = new WebAssembly.Module(readFileSync(`${distDir}/${file}`));
    const names = (list) => list.map((x) => `${x.module || ''}.${x.name}:${x.kind}`).sort();
    return [names(WebAssembly.Module.imports(m)), names(WebAssembly.Module.exports(m))];
  };
  expect(shape('wasm_ssl_scalar.wasm')).toEqual(shape('wasm_ssl.wasm'));
  expect(shape('wasm_ssl_wasi_scalar.wasm')).toEqual(shape('wasm_ssl_wasi.wasm'));
});

describe.each(RUNTIMES)('%s build cipher preference', (runtime) => {
  test('ChaCha20-Poly1305 first (no AES instructions in wasm), and the ciphers option overrides it', async () => {
    const ssl = await loadSsl(runtime);
    const order = ssl.engine.string(ssl.engine.exports.wssl_ciphers_available()).split(',');
    expect(order[0]).toBe('TLS1-3-CHACHA20-POLY1305-SHA256');
    expect(order.findIndex((n) => /AES/.test(n))).toBeGreaterThan(order.findLastIndex((n) => /CHACHA20/.test(n)));
    const byDefault = await connectedPair(ssl);
    expect(byDefault.client.cipher()).toBe('TLS1-3-CHACHA20-POLY1305-SHA256');
    await Promise.all([byDefault.client.close(), byDefault.server.close()]);
    const chosen = await connectedPair(ssl, { ciphers: ['TLS1-3-AES-128-GCM-SHA256'] });
    expect(chosen.client.cipher()).toBe('TLS1-3-AES-128-GCM-SHA256');
    await Promise.all([chosen.client.close(), chosen.server.close()]);
  });
});
