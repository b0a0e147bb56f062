// Instantiates the emscripten build (dist/wasm_ssl.mjs + wasm_ssl.wasm). The factory never
// fetches: the module is compiled here and handed over through instantiateWasm, together
// with the "wasm_ssl" import module.
import { Engine } from './engine.js';
import { compileWasm, wantsSimd, wasmFile } from './wasm-source.js';

// Vite's dev server serves the package pre-bundled into node_modules/.vite/deps/, where the
// literal URLs below point nowhere; it serves the package's own files too, from
// node_modules/wasm-ssl/. (Not a literal, or Vite's build would ship every match.)
const VITE_DEV_DEPS = /\/node_modules\/\.vite\/deps[^/]*\/[^/]+$/;
const VITE_DEV_DIST = '../../wasm-ssl/dist/';

// Two literal URLs, one per build, so that bundlers (webpack, Vite) see and emit both files,
// and the page fetches only the one this engine runs: the scalar twin only without SIMD.
function shippedWasm(options) {
  const simd = wantsSimd(options);
  if (VITE_DEV_DEPS.test(new URL(import.meta.url).pathname)) {
    return new URL(/* webpackIgnore: true */ VITE_DEV_DIST + wasmFile('wasm_ssl', { simd }), import.meta.url);
  }
  return simd
    ? new URL('../../dist/wasm_ssl.wasm', import.meta.url)
    : new URL('../../dist/wasm_ssl_scalar.wasm', import.meta.url);
}

/**
 * @param {object} options  see load()
 * @param {{ readLocal?: Function }} [host]  what the platform adds (engine/node-host.js)
 */
export async function instantiateEmscripten(options = {}, host = {}) {
  const { default: createWasmSslModule } = await import('../../dist/wasm_ssl.mjs');
  const wasmModule = await compileWasm(options, () => shippedWasm(options), host);
  let engine = null;
  const hostImports = Engine.imports(() => engine);
  const module = await createWasmSslModule({
    instantiateWasm(info, receiveInstance) {
      WebAssembly.instantiate(wasmModule, { ...info, wasm_ssl: hostImports }).then(
        (instance) => receiveInstance(instance, wasmModule),
        (err) => { throw err; });
      return {};
    },
    print: options.print || (() => {}),
    printErr: options.printErr || (() => {}),
  });
  engine = new Engine(module.asm, 'emscripten');
  return engine;
}
