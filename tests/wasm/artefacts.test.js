// Both wasm artefacts, driven through their raw C ABI from Node: a wasm client and a wasm
// server complete a verified handshake over an in-memory stream and exchange data; the WASI
// module imports nothing but WASI preview1 and the two stream functions.
import { readFileSync } from 'node:fs';
import { instantiateEngine, WOULD_BLOCK } from '../../js/src/engine/index.js';
import { certFile, distDir } from '../support/paths.js';

const WANT_READ = -0x6900, WANT_WRITE = -0x6880;
const isWant = (r) => r === WANT_READ || r === WANT_WRITE;

// One direction of an in-memory pipe as a host stream pair.
function memoryPair() {
  const queues = [[], []];
  const end = (inbox, outbox) => ({
    read(buf) {
      if (inbox.length === 0) return WOULD_BLOCK;
      const chunk = inbox[0];
      const n = Math.min(buf.length, chunk.length);
      buf.set(chunk.subarray(0, n));
      if (n === chunk.length) inbox.shift(); else inbox[0] = chunk.subarray(n);
      return n;
    },
    write(buf) { outbox.push(buf.slice()); return buf.length; },
    close() {},
  });
  return [end(queues[0], queues[1]), end(queues[1], queues[0])];
}

describe.each(['emscripten', 'wasi'])('%s artefact', (runtime) => {
  let engine;
  beforeAll(async () => { engine = await instantiateEngine({ runtime }); });

  test('a wasm client and a wasm server handshake with verification and exchange data', () => {
    const x = engine.exports;
    const client = x.wssl_config_new(0), server = x.wssl_config_new(1);
    expect(client).toBeGreaterThan(0);
    engine.withBytes(certFile('ca.der'), (p, n) => expect(x.wssl_config_add_ca(client, p, n)).toBe(1));
    engine.withBytes(certFile('server.crt'), (cp, cn) => engine.withBytes(certFile('server.key'),
      (kp, kn) => expect(x.wssl_config_set_own_cert(server, cp, cn, kp, kn)).toBe(0)));
    const [a, b] = memoryPair();
    const c = engine.withCString('localhost', (h) => x.wssl_conn_new(client, engine.addStream(a), h));
    const s = x.wssl_conn_new(server, engine.addStream(b), 0);
    let cr = WANT_READ, sr = WANT_READ;
    for (let i = 0; i < 100 && (isWant(cr) || isWant(sr)); i++) {
      if (isWant(cr)) cr = x.wssl_handshake(c);
      if (isWant(sr)) sr = x.wssl_handshake(s);
    }
    expect([engine.errorName(cr), engine.errorName(sr)]).toEqual([engine.errorName(0), engine.errorName(0)]);
    expect(engine.string(x.wssl_version(c))).toBe('TLSv1.3');
    expect(x.wssl_verify_flags(c)).toBe(0);

    const message = new TextEncoder().encode(`hello from the ${runtime} client`);
    expect(engine.withBytes(message, (p, n) => x.wssl_write(c, p, n))).toBe(message.length);
    const got = engine.withBytes(new Uint8Array(256), (p, n) => {
      const r = x.wssl_read(s, p, n);
      return r > 0 ? engine.bytes(p, r) : r;
    });
    expect(new TextDecoder().decode(got)).toBe(`hello from the ${runtime} client`);
    expect(x.wssl_close(c)).toBe(0);
    expect(x.wssl_close(s)).toBe(0);
    expect(x.wssl_close(c)).toBe(-9);
    x.wssl_config_free(client);
    x.wssl_config_free(server);
  });

  test('error names come from mbedtls', () => {
    expect(engine.errorName(-0x7280)).toBe('MBEDTLS_ERR_SSL_CONN_EOF');
    expect(engine.string(engine.exports.wssl_mbedtls_version())).toBe('Mbed TLS 3.6.6');
  });
});

test('the WASI module imports only WASI preview1 and the two stream functions', () => {
  const module = new WebAssembly.Module(readFileSync(`${distDir}/wasm_ssl_wasi.wasm`));
  const imports = WebAssembly.Module.imports(module);
  const foreign = imports.filter((i) => i.module !== 'wasi_snapshot_preview1');
  expect(foreign.map((i) => `${i.module}.${i.name}`).sort()).toEqual(['wasm_ssl.stream_read', 'wasm_ssl.stream_write']);
  expect(imports.every((i) => i.kind === 'function')).toBe(true);
  const exportNames = WebAssembly.Module.exports(module).map((e) => e.name);
  expect(exportNames).toEqual(expect.arrayContaining(['memory', '_initialize', 'wssl_conn_new', 'wssl_read', 'wssl_write']));
});

test('both builds export the same C ABI', () => {
  const names = (file) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(`${distDir}/${file}`)))
    .map((e) => e.name).filter((n) => n.startsWith('wssl_')).sort();
  const wasi = names('wasm_ssl_wasi.wasm');
  expect(wasi.length).toBeGreaterThan(30);
  expect(names('wasm_ssl.wasm')).toEqual(wasi);
});
