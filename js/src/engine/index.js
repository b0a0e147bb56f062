// Loads one of the two builds behind the same Engine interface; in Node with node-host's
// additions (the browser entry uses engine/select.js with none).
import { instantiateFor } from './select.js';
import { nodeHost } from './node-host.js';
import { isNode } from '../platform.js';

/**
 * @param {object} options  { runtime?: 'emscripten' | 'wasi', wasmBinary?, wasmModule?,
 *                            wasmUrl?, wasi?, wasiImport?, simd? }
 * @returns {Promise<import('./engine.js').Engine>}
 */
export function instantiateEngine(options = {}) {
  return instantiateFor(options, isNode ? nodeHost : {});
}

export { Engine, WOULD_BLOCK } from './engine.js';
