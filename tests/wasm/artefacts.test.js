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
    const pair = handshakePair(engine);
    expect(pair.results.map((r) => engine.errorName(r))).toEqual([engine.errorName(0), engine.errorName(0)]);
    const c = pair.client, s = pair.server;
    expect(c.version()).toBe('TLSv1.3');
    expect(c.verifyFlags()).toBe(0);

    const message = new TextEncoder().encode(`hello from the ${runtime} client`);
    expect(c.write(message)).toBe(message.length);
    const got = s.read(256);
    expect(new TextDecoder().decode(got)).toBe(`hello from the ${runtime} client`);
    pair.free();
    expect(c.close()).toBe(-9);
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
