// The hand-written ChaCha20 of the wasm builds (src/crypto/chacha20.cpp), checked against
// OpenSSL: each build's SIMD module and its scalar twin talk ChaCha20-Poly1305 (TLS 1.3 and
// TLS 1.2) to a Node TLS echo server on loopback, with messages whose lengths cross every
// boundary of the kernel (64-byte blocks, 256-byte SIMD strides, records). Any keystream error
// fails a record's tag. Also: the scalar twins really are free of SIMD, load() picks them when
// asked, and inside wasm ChaCha20-Poly1305 is what the engine prefers unless told otherwise.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { wasmFile } from '../../js/src/engine/wasm-source.js';
import { describeSuitesAgainstOpenSsl } from '../support/cipher-echo.js';
import { distDir } from '../support/paths.js';
import { RUNTIMES, connectedPair, loadSsl } from '../support/ssl.js';

const LENGTHS = [1, 63, 64, 65, 127, 255, 256, 257, 319, 511, 512, 1000, 4109, 16383, 16384, 40000];
const SUITES = [
  ['TLS1-3-CHACHA20-POLY1305-SHA256', 'TLSv1.3'],
  ['TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256', 'TLSv1.2'],
];

describeSuitesAgainstOpenSsl(SUITES, LENGTHS);

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
