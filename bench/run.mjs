// wasm-ssl's benchmark: `make bench` (full) or `make bench-quick` (a few seconds, only proves
// that every part runs; its figures mean nothing). Measures every implementation in the same
// run, prints the tables with ratios and target verdicts, and writes all figures as JSON.
//
//   node bench/run.mjs [--quick] [--out FILE] [--only SUITE,SUITE]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCerts, repoRoot } from './lib/certs.mjs';
import { render, targets } from './lib/report.mjs';
import { suites } from './lib/suites.mjs';

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const mode = args.includes('--quick') ? 'quick' : 'full';
const out = option('--out') || `${repoRoot}/build/bench/results${mode === 'quick' ? '-quick' : ''}.json`;
const only = option('--only')?.split(',');

const needed = ['js/dist/wasm_ssl.wasm', 'js/dist/wasm_ssl_wasi.wasm', 'js/dist/wasm_ssl_scalar.wasm',
  'js/dist/wasm_ssl_wasi_scalar.wasm', 'build/native/bench/engine_bench',
  'build/native/bench/aead_bench', 'build/emscripten/bench/aead_bench.wasm', 'build/wasi/bench/aead_bench.wasm',
  'build/native/bench/ecc_bench', 'build/native/bench/engine_bench_mbedtls_ecc',
  'build/emscripten/bench/wasm_ssl_mbedtls_ecc.wasm', 'build/wasi/bench/wasm_ssl_wasi_mbedtls_ecc.wasm'];
const missing = needed.filter((f) => !existsSync(`${repoRoot}/${f}`));
if (missing.length) {
  console.error(`bench: missing ${missing.join(', ')}: run \`make build\` first (make bench does).`);
  process.exit(1);
}
makeCerts();

const names = Object.keys(suites).filter((n) => !only || only.includes(n));
const suiteScript = fileURLToPath(new URL('./lib/run-suite.mjs', import.meta.url));
const results = {};
const started = Date.now();
for (const name of names) {
  const t0 = Date.now();
  process.stderr.write(`bench: ${name} ... `);
  try {
    const stdout = execFileSync(process.execPath, ['--no-warnings', suiteScript, name, mode], {
      cwd: repoRoot, timeout: (mode === 'quick' ? 60 : 900) * 1000, stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20 });
    results[name] = JSON.parse(stdout.toString().trim().split('\n').pop());
    process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  } catch (err) {
    process.stderr.write(`FAILED\n${err.stderr || err.message}\n`);
    process.exitCode = 1;
  }
}

const git = (...a) => { try { return execFileSync('git', a, { cwd: repoRoot }).toString().trim(); } catch { return null; } };
const meta = {
  mode, date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model,
  cores: os.cpus().length, load_average: os.loadavg(), commit: git('rev-parse', '--short', 'HEAD'),
  dirty: git('status', '--porcelain') !== '', seconds: (Date.now() - started) / 1000,
  method: 'client and server in one thread over an in-memory pipe; rates are the best of the repeats',
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ meta, results, targets: targets(results) }, null, 2)}\n`);
console.log(`wasm-ssl benchmark (${mode}) ${meta.date}, ${meta.cpu}, ${meta.cores} cores, Node ${meta.node}, ` +
  `commit ${meta.commit}${meta.dirty ? '+' : ''}, load ${meta.load_average.map((l) => l.toFixed(2)).join(' ')}`);
if (mode === 'quick') console.log('(quick run: proves the benchmark works; the figures are not measurements)');
console.log(render(results));
console.log(`\nJSON: ${out} (${meta.seconds.toFixed(0)} s)`);
