// Where a build's .wasm comes from: bytes or a compiled module the caller passes, a URL, or
// (default) the file shipped next to this package in dist/: the build using WebAssembly SIMD
// where the engine has it, its `_scalar` twin (same imports and exports) where it does not.
import { fetchOk, readLocal } from '../package-file.js';

// The smallest module with a SIMD instruction: (func (result v128) (v128.const i32x4 0 0 0 0)).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
  10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11]);

/** Whether this WebAssembly engine has SIMD (all current browsers, Node, wasmtime do). */
export function hasSimd() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * The shipped file of a build: `${base}.wasm`, or `${base}_scalar.wasm` without SIMD
 * (options.simd: true/false forces the choice; default: what the engine supports).
 */
export function wasmFile(base, options = {}) {
  const simd = typeof options.simd === 'boolean' ? options.simd : hasSimd();
  return simd ? `${base}.wasm` : `${base}_scalar.wasm`;
}

/**
 * @param {object} options  { wasmBinary?: BufferSource, wasmModule?: WebAssembly.Module,
 *                            wasmUrl?: string | URL, simd?: boolean }
 * @param {string} file     the default file name in dist/ (see wasmFile)
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compileWasm(options, file) {
  if (options.wasmModule instanceof WebAssembly.Module) return options.wasmModule;
  if (options.wasmBinary) return WebAssembly.compile(options.wasmBinary);
  const url = options.wasmUrl ? new URL(options.wasmUrl, import.meta.url) : new URL(`../../dist/${file}`, import.meta.url);
  const local = await readLocal(url);
  if (local) return WebAssembly.compile(local);
  const response = await fetchOk(url);
  if (typeof WebAssembly.compileStreaming === 'function' &&
      (response.headers.get('content-type') || '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
