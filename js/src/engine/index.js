// Loads one of the two builds behind the same Engine interface.
import { instantiateEmscripten } from './emscripten.js';
import { instantiateWasi } from './wasi.js';

/**
 * @param {object} options  { runtime?: 'emscripten' | 'wasi', wasmBinary?, wasmModule?,
 *                            wasmUrl?, wasi?, wasiImport?, simd? }
 * @returns {Promise<import('./engine.js').Engine>}
 */
export function instantiateEngine(options = {}) {
  const runtime = options.runtime || 'emscripten';
  if (runtime === 'emscripten') return instantiateEmscripten(options);
  if (runtime === 'wasi') return instantiateWasi(options);
  throw new TypeError(`wasm-ssl: unknown runtime ${JSON.stringify(runtime)} (emscripten or wasi)`);
}

export { Engine, WOULD_BLOCK } from './engine.js';
