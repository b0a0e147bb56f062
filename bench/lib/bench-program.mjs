// The benchmark programs under build/<buildDir>/bench/ (bench/aead, bench/ecc), loaded in Node
// as their build runs them: an emscripten module or a WASI reactor. Returns the one export the
// program measures with, as a plain function.
import { readFile } from 'node:fs/promises';
import { repoRoot } from './certs.mjs';

/** buildDir: 'emscripten', 'wasi' or one of their twins' folders; name: the program. */
export async function loadBenchProgram(buildDir, name, exportName) {
  const dir = `${repoRoot}/build/${buildDir}/bench`;
  const module = await WebAssembly.compile(await readFile(`${dir}/${name}.wasm`));
  if (buildDir.startsWith('wasi')) {
    const { WASI } = await import('node:wasi');
    const wasi = new WASI({ version: 'preview1', args: [], env: {}, returnOnExit: true });
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    wasi.initialize(instance);
    return (...args) => instance.exports[exportName](...args);
  }
  const { default: create } = await import(`${dir}/${name}.mjs`);
  const m = await create({
    instantiateWasm(info, receive) {
      WebAssembly.instantiate(module, info).then((i) => receive(i, module));
      return {};
    },
    print() {}, printErr() {},
  });
  return (...args) => m[`_${exportName}`](...args);
}
