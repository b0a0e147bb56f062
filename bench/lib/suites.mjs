// Every measurement of the benchmark, grouped by implementation. Each suite runs in a Node
// process of its own (bench/lib/run-suite.mjs) and returns plain JSON. Throughputs and rates are
// the best of `repeats` runs: the machine is shared, and interference only ever slows things.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { instantiateEngine } from '../../js/src/engine/index.js';
import { aeadSeconds } from './aead.mjs';
import { eccRates, nodeRates } from './ecc.mjs';
import { certDir, repoRoot } from './certs.mjs';
import * as raw from './engine-raw.mjs';
import { instantiateTimes } from './instantiate.mjs';
import { bulkScenarios, handshakeScenarios, idleScenarios, rsaChain } from './scenarios.mjs';

const MB = 1e6;

async function best(repeats, run, score) {
  let top = null;
  for (let i = 0; i < repeats; i++) {
    const r = await run();
    if (top === null || score(r) > score(top)) top = r;
  }
  return top;
}

// The same measurements for every engine-like implementation: `impl` has handshakes(scenario,
// seconds), bulk(scenario, total, chunk) and optionally idle(scenario, n).
async function engineLike(impl, s, { bulkBytes = s.bulkBytes, handshakeRows = handshakeScenarios, bulkRows = bulkScenarios } = {}) {
  const out = { handshakes: {}, bulk: {} };
  for (const sc of handshakeRows) {
    const r = await best(s.repeats, () => impl.handshakes(sc, s.handshakeSeconds), (x) => x.count / x.seconds);
    out.handshakes[sc.id] = { per_second: r.count / r.seconds, ...r };
  }
  for (const sc of bulkRows) {
    const r = await best(s.repeats, () => impl.bulk(sc, bulkBytes, s.writeBytes), (x) => x.bytes / x.seconds);
    out.bulk[sc.id] = { mb_per_s: r.bytes / r.seconds / MB, ...r };
  }
  return out;
}

function perConnection(r) {
  return { ...r, heap_per_client: r.heap_client_total / r.connections,
    heap_per_server: r.heap_server_total / r.connections };
}

// A wasm build through the raw ABI. The scalar fallbacks differ only in ChaCha20: bulk only.
// mbedtlsEcc: the bench-only module with mbedtls' generic ECDH/ECDSA (the "before" of
// src/crypto's X25519/P-256), handshake rows only.
async function wasmEngine(runtime, s, { simd = true, mbedtlsEcc = false } = {}) {
  const file = `${runtime === 'wasi' ? 'wasm_ssl_wasi' : 'wasm_ssl'}${simd ? '' : '_scalar'}.wasm`;
  const path = mbedtlsEcc ? `${repoRoot}/build/${runtime}/bench/${runtime === 'wasi' ? 'wasm_ssl_wasi' : 'wasm_ssl'}_mbedtls_ecc.wasm`
    : `${repoRoot}/js/dist/${file}`;
  const wasmModule = await WebAssembly.compile(readFileSync(path));
  const fresh = () => instantiateEngine({ runtime, wasmModule });
  const engine = await fresh();
  const out = await engineLike({
    handshakes: (sc, secs) => raw.handshakes(engine, sc, secs),
    bulk: (sc, total, chunk) => raw.bulk(engine, sc, total, chunk),
  }, s, mbedtlsEcc ? { handshakeRows: eccHandshakeRows, bulkRows: [] } : simd ? {} : { handshakeRows: [] });
  if (!simd || mbedtlsEcc) return out;
  out.idle = {};
  for (const sc of idleScenarios) out.idle[sc.id] = perConnection(raw.idle(await fresh(), await fresh(), sc, s.idleConnections));
  out.concurrent = perConnection(raw.idle(await fresh(), await fresh(), idleScenarios[0], s.concurrentConnections));
  return out;
}

function nativeEngine(s, { mbedtlsEcc = false } = {}) {
  const program = mbedtlsEcc ? 'engine_bench_mbedtls_ecc' : 'engine_bench';
  const run = (...args) => JSON.parse(execFileSync(`${repoRoot}/build/native/bench/${program}`,
    [certDir, ...args.map(String)]));
  const v = (sc) => [sc.minVersion, sc.maxVersion, sc.ciphers || '-'];
  return engineLike({
    handshakes: (sc, secs) => run('handshakes', ...v(sc), sc.cert, sc.key, sc.ca, secs),
    bulk: (sc, total, chunk) => run('bulk', ...v(sc), total, chunk),
  }, s, mbedtlsEcc ? { handshakeRows: eccHandshakeRows, bulkRows: [] } : {}).then((out) => {
    if (mbedtlsEcc) return out;
    out.idle = {};
    for (const sc of idleScenarios) out.idle[sc.id] = perConnection(run('idle', ...v(sc), s.idleConnections));
    out.concurrent = perConnection(run('idle', ...v(idleScenarios[0]), s.concurrentConnections));
    return out;
  });
}

function aeadFigures(seconds, total) {
  const out = {};
  for (const [kind, t] of Object.entries(seconds)) {
    out[kind] = { seal_mb_per_s: total / t.seal / MB };
    if (t.open !== undefined) {
      out[kind].open_mb_per_s = total / t.open / MB;
      // One thread sealing and opening every byte, as a client and server in one process do.
      out[kind].seal_open_mb_per_s = total / (t.seal + t.open) / MB;
    }
  }
  return out;
}

function sizes() {
  const file = (path) => {
    const bytes = readFileSync(path);
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  return {
    emscripten: { wasm: file(`${repoRoot}/js/dist/wasm_ssl.wasm`), glue: file(`${repoRoot}/js/dist/wasm_ssl.mjs`) },
    'emscripten-scalar': { wasm: file(`${repoRoot}/js/dist/wasm_ssl_scalar.wasm`) },
    wasi: { wasm: file(`${repoRoot}/js/dist/wasm_ssl_wasi.wasm`) },
    'wasi-scalar': { wasm: file(`${repoRoot}/js/dist/wasm_ssl_wasi_scalar.wasm`) },
    forge: { js: file(`${repoRoot}/node_modules/node-forge/dist/forge.min.js`) },
  };
}

// The fastest of `repeats` runs, kind by kind.
async function aeadBest(runtime, s) {
  let top = null;
  for (let i = 0; i < s.repeats; i++) {
    const r = await aeadSeconds(runtime, s.aeadBytes, s.writeBytes);
    if (top === null) { top = r; continue; }
    for (const [kind, t] of Object.entries(r))
      for (const op of Object.keys(t)) top[kind][op] = Math.min(top[kind][op], t[op]);
  }
  return aeadFigures(top, s.aeadBytes);
}

// The rows whose handshakes run on elliptic curves (the before/after of src/crypto's ECC).
const eccHandshakeRows = handshakeScenarios.filter((x) => x.id !== 'tls12-ecdhe-rsa2048');

// The fastest of `repeats` runs, operation by operation.
async function eccBest(s, measure) {
  const top = {};
  for (let i = 0; i < s.repeats; i++) {
    for (const [op, rate] of Object.entries(await measure())) top[op] = Math.max(top[op] ?? 0, rate);
  }
  return top;
}

async function eccSuite(s) {
  const iterations = s.repeats > 1 ? 300 : 5;
  const out = {};
  for (const runtime of ['emscripten', 'wasi', 'native']) {
    for (const variant of ['own', 'mbedtls']) out[`${runtime}-${variant}`] = await eccBest(s, () => eccRates(runtime, variant, iterations));
  }
  out.node = await eccBest(s, async () => nodeRates(iterations * 4));
  return out;
}

export const suites = {
  sizes: async () => sizes(),
  instantiate: async (s) => ({ emscripten: instantiateTimes('emscripten', s.instantiateRuns),
    wasi: instantiateTimes('wasi', s.instantiateRuns) }),
  'aead-emscripten': (s) => aeadBest('emscripten', s),
  'aead-emscripten-scalar': (s) => aeadBest('emscripten-scalar', s),
  'aead-wasi': (s) => aeadBest('wasi', s),
  'aead-wasi-scalar': (s) => aeadBest('wasi-scalar', s),
  'aead-native': (s) => aeadBest('native', s),
  'engine-emscripten': (s) => wasmEngine('emscripten', s),
  'engine-emscripten-scalar': (s) => wasmEngine('emscripten', s, { simd: false }),
  'engine-wasi': (s) => wasmEngine('wasi', s),
  'engine-native': (s) => nativeEngine(s),
  'engine-emscripten-mbedtls-ecc': (s) => wasmEngine('emscripten', s, { mbedtlsEcc: true }),
  'engine-wasi-mbedtls-ecc': (s) => wasmEngine('wasi', s, { mbedtlsEcc: true }),
  'engine-native-mbedtls-ecc': (s) => nativeEngine(s, { mbedtlsEcc: true }),
  ecc: (s) => eccSuite(s),
  'js-stack': async (s) => engineLike(await import('./js-stack.mjs'), s),
  'node-tls': async (s) => engineLike(await import('./node-tls.mjs'), s),
  tcp: async (s) => (await import('./tcp.mjs')).tcpSuite(s),
  forge: async (s) => {
    const forge = await import('./forge.mjs');
    // forge's one configuration stands in the rows nearest to it: RSA handshakes, AES-128 bulk.
    const out = await engineLike(forge, s, { bulkBytes: s.forgeBulkBytes,
      handshakeRows: handshakeScenarios.filter((x) => x.id === 'tls12-ecdhe-rsa2048'),
      bulkRows: bulkScenarios.filter((x) => x.id === 'tls12-aes128gcm').map((x) => ({ ...x, ...rsaChain })) });
    const gcm = forge.aesGcmSeconds(Math.min(s.aeadBytes, 8 << 20), s.writeBytes);
    out.aead = aeadFigures({ 'aes-128-gcm': gcm }, Math.min(s.aeadBytes, 8 << 20));
    return out;
  },
};
