// wasm-ssl for MicroPython's WebAssembly port: `import ssl`, `import tls` and `import socket`
// as on a board. See docs/micropython.md.
import { instantiateEngine } from '../engine/index.js';
import { isNode } from '../platform.js';
import { PythonHeap } from './python-heap.js';
import { tlsBinding } from './tls-binding.js';
import { socketBinding } from './socket-binding.js';
import { writePythonModules } from './python-files.js';
import { directSockets } from './sockets/direct-sockets.js';
import { tcpConnector, tcpListener, bridgeConnector } from './sockets/connectors.js';

export { directSockets } from './sockets/direct-sockets.js';
export { workerSockets } from './sockets/worker-sockets.js';
export { serveWorkerSockets } from './sockets/socket-host.js';
export { tcpConnector, tcpListener, bridgeConnector } from './sockets/connectors.js';

const installed = new WeakMap();

/**
 * Registers the engine with a loaded MicroPython (`await loadMicroPython()`) and writes the
 * Python modules ssl, tls and socket into its /lib. Once per MicroPython instance.
 *
 * @param {object} mp  what loadMicroPython() returned
 * @param {object} [options]
 * @param {object} [options.sockets]  where socket.socket() connects: directSockets(connector)
 *   on the thread that owns the transports, workerSockets(port) inside a Worker. Default:
 *   TCP in Node, the bridge at options.bridge in a browser, else no sockets.
 * @param {string | URL} [options.bridge]  a WebSocket→TCP bridge URL (see wasm-ssl/bridge);
 *   options.WebSocket is the class to reach it with where there is no global one (npm ws)
 * @param {import('../engine/engine-instance.js').EngineInstance} [options.engine]  an engine to share; otherwise
 *   one is instantiated with the other options (wasmBinary, wasmModule, wasmUrl)
 * @returns {Promise<{ engine }>}
 */
export function installMicroPython(mp, options = {}) {
  if (!installed.has(mp)) installed.set(mp, install(mp, options));
  return installed.get(mp);
}

async function defaultSockets(options) {
  if (options.bridge) return directSockets(bridgeConnector(options.bridge, options));
  if (isNode) return directSockets(await tcpConnector(), await tcpListener());
  return null;
}

async function install(mp, options) {
  const engine = options.engine || (await instantiateEngine(options));
  const sockets = options.sockets || (await defaultSockets(options));
  const heap = new PythonHeap(mp);
  mp.registerJsModule('_wasm_ssl_tls', tlsBinding(engine, heap));
  mp.registerJsModule('_wasm_ssl_socket', socketBinding(sockets, heap));
  await writePythonModules(mp);
  // asyncio.run, open_connection, start_server, ...: loaded from /lib the first time they are
  // used (python/_wasm_ssl_asyncio.py), as the port's asyncio lacks them.
  mp.runPython('__import__("asyncio").__getattr__ = lambda name: __import__("_wasm_ssl_asyncio").attribute(name)');
  return { engine };
}
