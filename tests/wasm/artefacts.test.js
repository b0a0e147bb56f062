// Both wasm artefacts, driven through their raw C ABI from Node: a wasm client and a wasm
// server complete a verified handshake over an in-memory stream and exchange data; both export
// the same C ABI. (What the WASI module imports: tests/wasi/reactor.test.js.)
import { readFileSync } from 'node:fs';
import { instantiateEngine } from '../../js/src/engine/index.js';
import { distDir } from '../support/paths.js';
import { handshakePair } from '../support/raw-engine.js';

describe.each(['emscripten', 'wasi'])('%s artefact', (runtime) => {
  let engine;
  beforeAll(async () => { engine = await instantiateEngine({ runtime }); });

  test('a wasm client and a wasm server handshake with verification and exchange data', () => {
    const x = engine.exports;
    const pair = handshakePair(engine);
    expect(pair.results.map((r) => engine.errorName(r))).toEqual([engine.errorName(0), engine.errorName(0)]);
    const c = pair.client, s = pair.server;
    expect(engine.string(x.wssl_version(c))).toBe('TLSv1.3');
    expect(x.wssl_verify_flags(c)).toBe(0);

    const message = new TextEncoder().encode(`hello from the ${runtime} client`);
    expect(engine.withBytes(message, (p, n) => x.wssl_write(c, p, n))).toBe(message.length);
    const got = engine.withBytes(new Uint8Array(256), (p, n) => {
      const r = x.wssl_read(s, p, n);
      return r > 0 ? engine.bytes(p, r) : r;
    });
    expect(new TextDecoder().decode(got)).toBe(`hello from the ${runtime} client`);
    pair.free();
    expect(x.wssl_close(c)).toBe(-9);
  });

  test('error names come from mbedtls', () => {
    expect(engine.errorName(-0x7280)).toBe('MBEDTLS_ERR_SSL_CONN_EOF');
    expect(engine.string(engine.exports.wssl_mbedtls_version())).toBe('Mbed TLS 3.6.6');
  });
});

test('both builds export the same C ABI', () => {
  const names = (file) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(`${distDir}/${file}`)))
    .map((e) => e.name).filter((n) => n.startsWith('wssl_')).sort();
  const wasi = names('wasm_ssl_wasi.wasm');
  expect(wasi.length).toBeGreaterThan(30);
  expect(names('wasm_ssl.wasm')).toEqual(wasi);
});
