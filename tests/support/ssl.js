// The two builds every package suite runs against, and one loaded module per build per file.
import { load } from '../../js/src/index.js';
import { certFile } from './paths.js';

export const RUNTIMES = ['emscripten', 'wasi'];

const loaded = new Map();
export function loadSsl(runtime) {
  if (!loaded.has(runtime)) loaded.set(runtime, load({ runtime }));
  return loaded.get(runtime);
}

/** Options for a wasm server with the test CA's localhost certificate. */
export function serverOptions(extra = {}) {
  return { server_side: true, key: certFile('server.key'), cert: certFile('server.crt'), ...extra };
}

/** Options for a verifying client that trusts the test CA. */
export function clientOptions(ssl, extra = {}) {
  return { cert_reqs: ssl.CERT_REQUIRED, cadata: certFile('ca.der'), server_hostname: 'localhost', ...extra };
}

/** A wasm client and a wasm server joined by an in-memory pair, after their handshake. */
export async function connectedPair(ssl, client = {}, server = {}, pairOptions = {}) {
  const [a, b] = ssl.memoryPair(pairOptions);
  const [c, s] = await Promise.all([
    ssl.wrap_socket(a, clientOptions(ssl, client)),
    ssl.wrap_socket(b, serverOptions(server)),
  ]);
  return { client: c, server: s };
}

export const text = (bytes) => new TextDecoder().decode(bytes);

/** Byte-exact comparison of large arrays (jest's toEqual walks them element by element). */
export function sameBytes(a, b) {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length),
    Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}
