#!/usr/bin/env node
// The C ABI's numbers and export list, described once in include/wasm_ssl.h, generated into the
// two front ends that need them: js/src/engine/abi.js (the package, its tests and the benchmark)
// and js/src/micropython/python/_wasm_ssl_abi.py (the Python modules). `make build` runs this;
// tests/js/abi.test.js fails when a generated file, or a hand-written copy of a number, disagrees
// with the header. Usage: node scripts/generate-abi.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const HEADER = `${root}include/wasm_ssl.h`;
export const JS_OUT = `${root}js/src/engine/abi.js`;
export const PY_OUT = `${root}js/src/micropython/python/_wasm_ssl_abi.py`;

/** { constants: [[NAME without WSSL_, text, value]], exports: ['wssl_…'] } from the header. */
export function readHeader(text = readFileSync(HEADER, 'utf8')) {
  const constants = [];
  for (const m of text.matchAll(/^#define WSSL_([A-Z0-9_]+) +\(?(-?(?:0x[0-9A-Fa-f]+|\d+))\)?(?: |$)/gm)) {
    constants.push([m[1], m[2], Number.parseInt(m[2].replace('-', ''), m[2].includes('0x') ? 16 : 10) * (m[2].startsWith('-') ? -1 : 1)]);
  }
  const exports = [...text.matchAll(/^WSSL_API [^(]*?\b(wssl_[a-z0-9_]+)\(/gm)].map((m) => m[1]);
  return { constants, exports };
}

const NOTE = 'Generated from include/wasm_ssl.h by scripts/generate-abi.mjs (make build): do not edit.';

export function jsSource({ constants, exports }) {
  return `// ${NOTE}\n${constants.map(([name, text]) => `export const ${name} = ${text};\n`).join('')}` +
    `/** Every function the wasm builds export (besides memory and the toolchain's own). */\n` +
    `export const EXPORTS = Object.freeze([\n${exports.map((e) => `  '${e}',\n`).join('')}]);\n`;
}

export function pythonSource({ constants }) {
  return `# ${NOTE}\nfrom micropython import const\n\n` +
    constants.map(([name, text]) => `${name} = const(${text})\n`).join('');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const abi = readHeader();
  const outputs = [[JS_OUT, jsSource(abi)], [PY_OUT, pythonSource(abi)]];
  if (process.argv.includes('--check')) {
    const stale = outputs.filter(([file, text]) => { try { return readFileSync(file, 'utf8') !== text; } catch { return true; } });
    for (const [file] of stale) console.error(`${file} is not what include/wasm_ssl.h says: run node scripts/generate-abi.mjs`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const [file, text] of outputs) {
    let old = null;
    try { old = readFileSync(file, 'utf8'); } catch { /* first run */ }
    if (old !== text) writeFileSync(file, text);
  }
}
