// Instantiates the WASI reactor (dist/wasm_ssl_wasi.wasm) with a WASI preview1 implementation
// plus the "wasm_ssl" imports. The module imports only wasi_snapshot_preview1.clock_time_get
// and random_get from WASI (docs/wasm-abi.md). The implementation comes from, in this order:
//   options.wasi        an object with wasiImport and initialize(instance), the shape of
//                       node:wasi's WASI and of browser WASI shims; initialize() calls the
//                       reactor's _initialize and lets the implementation find the memory
//   options.wasiImport  the preview1 functions alone; this loader calls _initialize
//   host.defaultWasi    (Node: node:wasi, engine/node-host.js)
import { Engine } from './engine.js';
import { compileWasm, wasmFile } from './wasm-source.js';

// Not a literal `new URL('…', import.meta.url)` on purpose: bundlers would then ship both WASI
// builds with every page, which nearly always runs the emscripten build. Unbundled (Node, or
// the package served as is) this resolves to dist/; a bundled page passes options.wasmUrl.
const DIST = '../../dist/';
const shippedWasm = (options) => new URL(/* webpackIgnore: true */ DIST + wasmFile('wasm_ssl_wasi', options), import.meta.url);

async function preview1(options, host) {
  if (options.wasi) {
    const { wasi } = options;
    if (!wasi.wasiImport || typeof wasi.wasiImport !== 'object' || typeof wasi.initialize !== 'function')
      throw new TypeError('wasm-ssl: options.wasi needs wasiImport and initialize(instance)');
    return { wasiImport: wasi.wasiImport, initialize: (instance) => wasi.initialize(instance) };
  }
  if (options.wasiImport) {
    return { wasiImport: options.wasiImport, initialize: (instance) => instance.exports._initialize() };
  }
  if (!host.defaultWasi) {
    throw new TypeError("wasm-ssl: runtime 'wasi' outside Node needs a WASI preview1 implementation: " +
      'pass options.wasi ({ wasiImport, initialize(instance) }) or options.wasiImport');
  }
  const wasi = await host.defaultWasi();
  return { wasiImport: wasi.wasiImport, initialize: (instance) => wasi.initialize(instance) };
}

/**
 * @param {object} options  see load()
 * @param {{ readLocal?: Function, defaultWasi?: Function }} [host]  what the platform adds
 */
export async function instantiateWasi(options = {}, host = {}) {
  const { wasiImport, initialize } = await preview1(options, host);
  const wasmModule = await compileWasm(options, () => shippedWasm(options), host);
  let engine = null;
  const instance = await WebAssembly.instantiate(wasmModule, {
    wasi_snapshot_preview1: wasiImport,
    wasm_ssl: Engine.imports(() => engine),
  });
  initialize(instance);
  engine = new Engine(instance.exports, 'wasi');
  return engine;
}
