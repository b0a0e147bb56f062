// Instantiates the emscripten build (dist/wasm_ssl.mjs + wasm_ssl.wasm). The factory never
// fetches: the module is compiled here and handed over through instantiateWasm, together
// with the "wasm_ssl" import module.
import { Engine } from './engine.js';
import { compileWasm, wasmFile } from './wasm-source.js';

export async function instantiateEmscripten(options = {}) {
  const { default: createWasmSslModule } = await import('../../dist/wasm_ssl.mjs');
  const wasmModule = await compileWasm(options, wasmFile('wasm_ssl', options));
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
