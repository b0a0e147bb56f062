// Where a build's .wasm comes from: bytes or a compiled module the caller passes, a URL, or
// (default) the file shipped in the package's dist/: the build using WebAssembly SIMD where
// the engine has it, its `_scalar` twin (same imports and exports) where it does not.
import { fetchOk } from '../fetch-ok.js';

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

/** options.simd when given (true/false forces the choice), else what the engine supports. */
export function wantsSimd(options = {}) {
  return typeof options.simd === 'boolean' ? options.simd : hasSimd();
}

/** fetchOk(url); for the shipped file, saying what to do when the bundler left it behind. */
async function fetchShipped(url, shipped) {
  try {
    return await fetchOk(url);
  } catch (err) {
    if (!shipped) throw err;
    throw new Error(`${err.message} (the package's .wasm is not where the page looks for it: bundlers that do not ` +
      'follow new URL(…, import.meta.url), such as esbuild and Rollup, need load({ wasmUrl }): see the package README)');
  }
}

/** The shipped file name of a build: `${base}.wasm`, or `${base}_scalar.wasm` without SIMD. */
export function wasmFile(base, options = {}) {
  return wantsSimd(options) ? `${base}.wasm` : `${base}_scalar.wasm`;
}

/**
 * @param {object} options  { wasmBinary?: BufferSource, wasmModule?: WebAssembly.Module,
 *                            wasmUrl?: string | URL }
 * @param {() => URL} defaultUrl  the shipped file, asked for only when options name none
 * @param {{ readLocal?: (url: URL) => Promise<Uint8Array | null> }} host  reads file: URLs
 *                            from disk where there is one (Node)
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compileWasm(options, defaultUrl, host = {}) {
  if (options.wasmModule instanceof WebAssembly.Module) return options.wasmModule;
  if (options.wasmBinary) return WebAssembly.compile(options.wasmBinary);
  // webpackIgnore: a URL known only at run time is not a file for webpack to find and ship.
  const url = options.wasmUrl ? new URL(/* webpackIgnore: true */ options.wasmUrl, import.meta.url) : defaultUrl();
  const local = host.readLocal ? await host.readLocal(url) : null;
  if (local) return WebAssembly.compile(local);
  const response = await fetchShipped(url, !options.wasmUrl);
  if (typeof WebAssembly.compileStreaming === 'function' &&
      (response.headers.get('content-type') || '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
