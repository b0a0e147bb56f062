// wasm-ssl for bundled browser pages (the package's `default` export condition; Node's is `node`): the
// same API as index.js, without what only Node has (SSLSocket.duplex(), node:wasi) and without the
// MicroPython pieces, which bundled pages import from `wasm-ssl/micropython`. No node: import of
// its own, and the .wasm located by literal `new URL(…, import.meta.url)` (engine/emscripten.js)
// so that bundlers ship it.
import { instantiateFor } from './engine/select.js';
import { SslModule } from './ssl-module.js';

/**
 * Instantiates the engine and returns the `ssl` module over it.
 * @param {object} [options]  { runtime?: 'emscripten' (default) | 'wasi', wasmBinary?,
 *                              wasmModule?, wasmUrl?, wasi?, wasiImport?, simd? }
 * @returns {Promise<SslModule>}
 */
export async function load(options = {}) {
  return new SslModule(await instantiateFor(options, {}), {});
}

export { SslModule } from './ssl-module.js';
export { SSLSocket } from './ssl-socket.js';
export { OSError, ValueError } from './errors.js';
export { CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED } from './options.js';
export { HostStream, memoryPair, NodeStreamHost, WebSocketHost, WebStreamsHost, toHostStream } from './streams/index.js';
export { WOULD_BLOCK } from './engine/engine.js';
export { WispSession, WispStream, WISP_CLOSE_REASON } from './wisp/index.js';
