// Loads one of the two builds behind the same Engine interface, with what the platform adds.
import { instantiateEmscripten } from './emscripten.js';
import { instantiateWasi } from './wasi.js';

/**
 * @param {object} options  { runtime?: 'emscripten' | 'wasi', wasmBinary?, wasmModule?,
 *                            wasmUrl?, wasi?, wasiImport?, simd? }
 * @param {object} host     { readLocal?, defaultWasi? } (engine/node-host.js in Node)
 * @returns {Promise<import('./engine.js').Engine>}
 */
export function instantiateFor(options, host) {
  const runtime = options.runtime || 'emscripten';
  if (runtime === 'emscripten') return instantiateEmscripten(options, host);
  if (runtime === 'wasi') return instantiateWasi(options, host);
  throw new TypeError(`wasm-ssl: unknown runtime ${JSON.stringify(runtime)} (emscripten or wasi)`);
}
