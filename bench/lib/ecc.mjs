// The handshake's elliptic-curve operations inside a build (bench/ecc/ecc_bench.c: through PSA,
// as TLS 1.3 calls them), with the build's own arithmetic ('own') and with mbedtls' generic
// ecdh.c/ecdsa.c ('mbedtls', what WASM_SSL_ECC=mbedtls builds); and Node's OpenSSL
// (node:crypto) doing the same operations. Each result: { op: ops per second }.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { loadBenchProgram } from './bench-program.mjs';
import { repoRoot } from './certs.mjs';

export const OPS = ['x25519-ecdh', 'x25519-keygen', 'p256-ecdh', 'p256-keygen', 'p256-sign', 'p256-verify'];

/** runtime: 'emscripten' | 'wasi' | 'native'; variant: 'own' | 'mbedtls'. */
export async function eccRates(runtime, variant, iterations) {
  const name = variant === 'own' ? 'ecc_bench' : 'ecc_bench_mbedtls';
  if (runtime === 'native') {
    return JSON.parse(execFileSync(`${repoRoot}/build/native/bench/${name}`, [String(iterations)]));
  }
  const run = await loadBenchProgram(runtime, name, 'wssl_bench_ecc');
  const out = {};
  for (const [op, id] of OPS.entries()) {
    run(op, Math.ceil(iterations / 10));  // warm-up: let the engine tier up
    const seconds = run(op, iterations);
    if (seconds < 0) throw new Error(`ecc_bench ${runtime} ${variant} ${id}: PSA status ${seconds}`);
    out[id] = iterations / seconds;
  }
  return out;
}

// Node's OpenSSL on the same operations: key shares (generateKeyPairSync), ECDH
// (diffieHellman), deterministic-or-not ECDSA with SHA-256 over a 32-byte message.
export function nodeRates(iterations) {
  const time = (fn) => {
    for (let i = 0; i < Math.ceil(iterations / 10); i++) fn();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    return iterations / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  const x1 = crypto.generateKeyPairSync('x25519'), x2 = crypto.generateKeyPairSync('x25519');
  const p1 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const p2 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const message = Buffer.alloc(32, 1);
  const signature = crypto.sign('sha256', message, p1.privateKey);
  return {
    'x25519-ecdh': time(() => crypto.diffieHellman({ privateKey: x1.privateKey, publicKey: x2.publicKey })),
    'x25519-keygen': time(() => crypto.generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' })),
    'p256-ecdh': time(() => crypto.diffieHellman({ privateKey: p1.privateKey, publicKey: p2.publicKey })),
    'p256-keygen': time(() => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' })),
    'p256-sign': time(() => crypto.sign('sha256', message, p1.privateKey)),
    'p256-verify': time(() => crypto.verify('sha256', message, p1.publicKey, signature)),
  };
}
