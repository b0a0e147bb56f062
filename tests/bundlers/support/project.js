// A throwaway project as a user has it: the package installed under node_modules/wasm-ssl
// (what `npm pack` ships of js/: package.json, src, dist) and a one-file page, main.js.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { repoRoot } from '../../support/paths.js';

// The package under test: js/, or (to see these tests fail on an older version) another copy.
const PACKAGE_DIR = process.env.WSSL_BUNDLER_PACKAGE || path.join(repoRoot, 'js');
const PAGE = readFileSync(new URL('./page-main.js', import.meta.url), 'utf8');

/**
 * @param {object} [o]
 * @param {string} [o.wasmUrlImport]  a line importing the .wasm URL (bundlers that need it)
 * @param {string} [o.loadOptions]    the source of load()'s argument
 */
export function makeProject(o = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'wasm-ssl-bundler-'));
  const pkg = path.join(dir, 'node_modules', 'wasm-ssl');
  mkdirSync(pkg, { recursive: true });
  for (const f of ['package.json', 'src', 'dist']) cpSync(path.join(PACKAGE_DIR, f), path.join(pkg, f), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'page', private: true, type: 'module' }));
  writeFileSync(path.join(dir, 'main.js'), PAGE
    .replace('/* WASM_URL_IMPORT */', o.wasmUrlImport || '')
    .replace('/* LOAD_OPTIONS */', o.loadOptions || ''));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An index.html loading `script` (an ES module unless { classic: true }), written into dir. */
export function writeIndexHtml(dir, script, { classic = false } = {}) {
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bundle</title>' +
    `<script${classic ? '' : ' type="module"'} src="${script}"></script>\n`);
}

/** Every file under dir (relative path → bytes), for the size report and the checks. */
export function listOutput(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[path.relative(dir, p)] = statSync(p).size;
    }
  };
  walk(dir);
  return files;
}

/** What the output holds: total bytes, the .wasm files by their name in dist/, the JS text. */
export function describeOutput(dir) {
  const files = listOutput(dir);
  const total = Object.values(files).reduce((a, b) => a + b, 0);
  const wasm = Object.keys(files).filter((f) => f.endsWith('.wasm'));
  const js = Object.keys(files).filter((f) => /\.m?js$/.test(f))
    .map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
  const jsGzip = gzipSync(js, { level: 9 }).length;
  const summary = `${total} bytes in all: ${Object.entries(files).map(([f, n]) => `${f} ${n}`).join(', ')}; ` +
    `JS ${js.length} bytes, ${jsGzip} gzip -9`;
  return { files, total, wasm, js, nodeImports: nodeImports(js), summary };
}

/** The node: modules the code imports (comments, where JSDoc names them, left out). */
export function nodeImports(js) {
  const code = js.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](node:[\w/]+)/g)].map((m) => m[1]);
}
