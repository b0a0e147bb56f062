// wasm-ssl: MicroPython's `ssl` module (wrap_socket, CERT_*) as mbedtls 3.6 in WebAssembly,
// over whatever transport the host provides. `const ssl = await load(options)`.
import { instantiateEngine } from './engine/index.js';
import { SslModule } from './ssl-module.js';
import { isNode } from './platform.js';

/**
 * Instantiates the engine and returns the `ssl` module over it.
 * @param {object} [options]  { runtime?: 'emscripten' (default) | 'wasi', wasmBinary?,
 *                              wasmModule?, wasmUrl?, wasi?, wasiImport?, simd? }
 * @returns {Promise<SslModule>}
 */
export async function load(options = {}) {
  const engine = await instantiateEngine(options);
  const platform = {};
  if (isNode) {
    platform.duplexView = (await import('./node/duplex-view.js')).duplexView;
    platform.readFile = (await import('node:fs/promises')).readFile;
  }
  return new SslModule(engine, platform);
}

export { SslModule } from './ssl-module.js';
export { SSLSocket } from './ssl-socket.js';
export { OSError, ValueError } from './errors.js';
export { CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED } from './options.js';
export { HostStream, memoryPair, NodeStreamHost, WebSocketHost, WebStreamsHost, toHostStream } from './streams/index.js';
export { WOULD_BLOCK } from './engine/index.js';
export { WispSession, WispStream, WISP_CLOSE_REASON } from './wisp/index.js';
