// The raw AEAD speed inside a wasm build (bench/aead/aead_bench.c linked from the same mbedtls
// objects as that build's engine: aead_bench with the SIMD kernels of the default modules,
// aead_bench_scalar as the *_scalar fallbacks), and natively. Each result: seconds to seal / open `total`
// bytes in records of `record` bytes, like TLS records, plus the parts (AES-CTR, GHASH,
// ChaCha20, Poly1305) seal-only. Where `make bench-mbedtls-crypto` has built the same benchmark
// with mbedtls' own AES and GCM (-DWASM_SSL_CRYPTO=mbedtls, in build/<build>-mbedtls-crypto),
// its AES rows come too, as "<kind> (mbedtls)": the before of src/crypto's constant-time AES/GCM.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadBenchProgram } from './bench-program.mjs';
import { repoRoot } from './certs.mjs';

export const KINDS = ['aes-128-gcm', 'chacha20-poly1305', 'aes-128-ctr', 'ghash', 'chacha20', 'poly1305'];
const AEADS = 2;  // the first two kinds are AEADs (seal and open); the rest are parts
const MBEDTLS_CRYPTO_KINDS = ['aes-128-gcm', 'aes-128-ctr', 'ghash'];  // what the switch changes

/**
 * runtime: 'emscripten' | 'emscripten-scalar' | 'wasi' | 'wasi-scalar' | 'native'.
 * Returns { kind: { seal, open? } } in seconds.
 */
export async function aeadSeconds(runtime, total, record) {
  if (runtime === 'native') {
    const out = execFileSync(`${repoRoot}/build/native/bench/aead_bench`, [String(total), String(record)]);
    return JSON.parse(out);
  }
  const name = runtime.endsWith('-scalar') ? 'aead_bench_scalar' : 'aead_bench';
  const wasi = runtime.startsWith('wasi');
  const load = (buildDir) => loadBenchProgram(buildDir, name, 'wssl_bench_aead');
  const result = await measure(await load(wasi ? 'wasi' : 'emscripten'), KINDS, runtime, total, record);
  const reference = wasi ? 'wasi-mbedtls-crypto' : 'emscripten-mbedtls-crypto';
  if (existsSync(`${repoRoot}/build/${reference}/bench/${name}.wasm`)) {
    const before = await measure(await load(reference), MBEDTLS_CRYPTO_KINDS, `${runtime} (mbedtls)`, total, record);
    for (const [kind, t] of Object.entries(before)) result[`${kind} (mbedtls)`] = t;
  }
  return result;
}

async function measure(run, kinds, label, total, record) {
  const result = {};
  for (const name of kinds) {
    const kind = KINDS.indexOf(name);
    run(kind, 0, Math.min(total, 4 << 20), record);  // warm-up: let the engine tier up
    const seal = run(kind, 0, total, record);
    const open = kind < AEADS ? run(kind, 1, total, record) : undefined;
    if (seal < 0 || open < 0) throw new Error(`aead_bench ${label} ${name}: mbedtls error ${seal} ${open}`);
    result[name] = kind < AEADS ? { seal, open } : { seal };
  }
  return result;
}
