// Randomness comes only from the platform's CSPRNG (emscripten: crypto.getRandomValues; WASI:
// random_get). When that fails the engine refuses to seed, so no config and no handshake can
// be made: never a weaker fallback, never a trap.
import { readFileSync } from 'node:fs';
import { instantiateEngine } from '../../js/src/engine/index.js';
import { distDir } from '../support/paths.js';
import { handshakePair } from '../support/raw-engine.js';

const ENTROPY_FAILED = 'MBEDTLS_ERR_ENTROPY_SOURCE_FAILED';

test('emscripten: a failing crypto.getRandomValues leaves the engine refusing to work', async () => {
  const engine = await instantiateEngine({ runtime: 'emscripten' });
  crypto.getRandomValues = () => { throw new Error('no randomness here'); };
  try {
    expect(engine.errorName(engine.exports.wssl_config_new(0))).toBe(ENTROPY_FAILED);
    expect(engine.errorName(engine.exports.wssl_config_new(1))).toBe(ENTROPY_FAILED);
  } finally {
    delete crypto.getRandomValues; // back to the prototype's
  }
  // Randomness is back, but an engine that failed to seed stays refused.
  expect(engine.errorName(engine.exports.wssl_config_new(0))).toBe(ENTROPY_FAILED);
});

// Exactly the WASI functions the reactor imports, written from scratch: any preview1 host
// needs no more than this.
function minimalPreview1(memory, { randomWorks }) {
  const EIO = 29, ENOSYS = 52;
  return {
    clock_time_get(id, precision, out) {
      new DataView(memory().buffer).setBigUint64(out, BigInt(Date.now()) * 1000000n, true);
      return 0;
    },
    random_get(ptr, len) {
      if (!randomWorks) return EIO;
      crypto.getRandomValues(new Uint8Array(memory().buffer, ptr, len));
      return 0;
    },
    fd_write: () => ENOSYS,
    fd_seek: () => ENOSYS,
    fd_close: () => ENOSYS,
  };
}

async function wasiWith(randomWorks) {
  const holder = {};
  const wasiImport = minimalPreview1(() => holder.engine.exports.memory, { randomWorks });
  const names = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(`${distDir}/wasm_ssl_wasi.wasm`)))
    .filter((i) => i.module === 'wasi_snapshot_preview1').map((i) => i.name).sort();
  expect(Object.keys(wasiImport).sort()).toEqual(names);
  holder.engine = await instantiateEngine({ runtime: 'wasi', wasiImport });
  return holder.engine;
}

test('WASI: a host supplying only the imported preview1 functions runs a verified handshake', async () => {
  const engine = await wasiWith(true);
  const pair = handshakePair(engine);
  expect(pair.results).toEqual([0, 0]);
  expect(engine.string(engine.exports.wssl_version(pair.client))).toBe('TLSv1.3');
  pair.free();
});

test('WASI: a random_get that fails leaves the engine refusing to work', async () => {
  const engine = await wasiWith(false);
  expect(engine.errorName(engine.exports.wssl_config_new(0))).toBe(ENTROPY_FAILED);
  expect(() => handshakePair(engine)).toThrow(ENTROPY_FAILED);
});
