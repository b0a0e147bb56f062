// What Node adds to the engine loaders: the shipped .wasm read from disk, and node:wasi as the
// default WASI implementation. Both loaded on demand, so that importing this costs nothing.
import { readLocal } from '../package-file.js';

async function defaultWasi() {
  // webpackIgnore: webpack fails on a node: import in a web build even where it never runs.
  const { WASI } = await import(/* webpackIgnore: true */ 'node:wasi');
  return new WASI({ version: 'preview1', args: [], env: {}, returnOnExit: true });
}

export const nodeHost = { readLocal, defaultWasi };
