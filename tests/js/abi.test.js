// The C ABI is described once, in include/wasm_ssl.h. Its numbers and export list reach the
// front ends only through the files scripts/generate-abi.mjs writes (js/src/engine/abi.js,
// js/src/micropython/python/_wasm_ssl_abi.py): these tests fail when one of them is stale, when a
// hand-written copy of an ABI number appears anywhere else in the front ends, the tests' support
// or the benchmark, or when a build exports a different list.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HEADER, JS_OUT, PY_OUT, jsSource, pythonSource, readHeader } from '../../scripts/generate-abi.mjs';
import * as abi from '../../js/src/engine/abi.js';
import { distDir, repoRoot } from '../support/paths.js';

const header = readHeader(readFileSync(HEADER, 'utf8'));

test('the generated JS and Python modules are what the header says now', () => {
  expect(readFileSync(JS_OUT, 'utf8')).toBe(jsSource(header));
  expect(readFileSync(PY_OUT, 'utf8')).toBe(pythonSource(header));
  for (const [name, , value] of header.constants) expect([name, abi[name]]).toEqual([name, value]);
});

test('no ABI result code is written by hand outside the generated modules', () => {
  // The engine's result codes are what a copy would get wrong silently; small numbers (modes,
  // versions, errnos) are too common in other meanings to search for.
  const codes = header.constants.filter(([, , value]) => value <= -0x100).map(([, text]) => text.toLowerCase());
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(m?js|py)$/.test(entry) && path !== JS_OUT && path !== PY_OUT) files.push(path);
    }
  };
  for (const dir of ['js/src', 'tests/support', 'bench/lib']) walk(join(repoRoot, dir));
  const copies = files.flatMap((file) => {
    const text = readFileSync(file, 'utf8').toLowerCase();
    return codes.filter((code) => text.includes(code)).map((code) => `${file.slice(repoRoot.length + 1)}: ${code}`);
  });
  expect(copies).toEqual([]);
});

test('each wasm build exports exactly the header\'s functions (and the toolchain\'s own)', () => {
  for (const file of ['wasm_ssl.wasm', 'wasm_ssl_wasi.wasm']) {
    const names = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(`${distDir}/${file}`)))
      .map((e) => e.name).filter((n) => n.startsWith('wssl_'));
    expect(names.sort()).toEqual([...abi.EXPORTS].sort());
  }
});
