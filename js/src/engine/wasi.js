// Instantiates the WASI reactor (dist/wasm_ssl_wasi.wasm) with Node's node:wasi, or with the
// caller's own preview1 implementation (options.wasiImport), plus the "wasm_ssl" imports.
import { Engine } from './engine.js';
import { compileWasm, wasmFile } from './wasm-source.js';

export async function instantiateWasi(options = {}) {
  const wasmModule = await compileWasm(options, wasmFile('wasm_ssl_wasi', options));
  let engine = null;
  let wasiImport = options.wasiImport;
  let initialize = null;
  if (!wasiImport) {
    const { WASI } = await import('node:wasi');
    const wasi = new WASI({ version: 'preview1', args: [], env: {}, returnOnExit: true });
    wasiImport = wasi.wasiImport;
    initialize = (instance) => wasi.initialize(instance);
  }
  const instance = await WebAssembly.instantiate(wasmModule, {
    wasi_snapshot_preview1: wasiImport,
    wasm_ssl: Engine.imports(() => engine),
  });
  if (initialize) initialize(instance);
  else instance.exports._initialize();
  engine = new Engine(instance.exports, 'wasi');
  return engine;
}
