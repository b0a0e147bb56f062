// Instantiate time of a build, cold: a fresh Node process per sample, starting with the .wasm
// bytes in memory and ending when the engine is ready (compile, instantiate, runtime set-up,
// including the emscripten glue's import) and has made its first config (which seeds PSA's
// random generator). Then the first full handshake in that instance (functions still cold), and
// the warm case: a new instance from an already compiled module.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { instantiateEngine } from '../../js/src/engine/index.js';
import { CLIENT } from '../../js/src/engine/abi.js';
import { RawEngine } from '../../js/src/engine/raw.js';
import { repoRoot } from './certs.mjs';
import { firstHandshakeMs } from './engine-raw.mjs';
import { handshakeScenarios } from './scenarios.mjs';

const files = { emscripten: 'wasm_ssl.wasm', wasi: 'wasm_ssl_wasi.wasm' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function probe(runtime) {
  const bytes = readFileSync(`${repoRoot}/js/dist/${files[runtime]}`);
  const t0 = performance.now();
  const module = await WebAssembly.compile(bytes);
  const t1 = performance.now();
  const engine = await instantiateEngine({ runtime, wasmModule: module });
  const t2 = performance.now();
  const config = new RawEngine(engine).newConfig(CLIENT);
  const t3 = performance.now();
  if (typeof config === 'number') throw new Error(`config_new: ${config}`);
  const firstHandshake = firstHandshakeMs(engine, handshakeScenarios[0]);
  const warm = [];
  for (let i = 0; i < 5; i++) {
    const w0 = performance.now();
    await instantiateEngine({ runtime, wasmModule: module });
    warm.push(performance.now() - w0);
  }
  return { compile_ms: t1 - t0, instantiate_ms: t2 - t1, first_config_ms: t3 - t2,
    total_ms: t3 - t0, first_handshake_ms: firstHandshake, warm_instantiate_ms: median(warm) };
}

/** Median of `runs` cold samples, each in its own process. */
export function instantiateTimes(runtime, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--no-warnings', fileURLToPath(import.meta.url), runtime]);
    samples.push(JSON.parse(out));
  }
  const result = {};
  for (const key of Object.keys(samples[0])) result[key] = median(samples.map((s) => s[key]));
  result.samples = runs;
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await probe(process.argv[2])));
}
