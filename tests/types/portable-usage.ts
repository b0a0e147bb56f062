// Compiled (not run) by type-environments.test.js in every environment a user may have: with
// and without @types/node, with and without the DOM lib. Only what exists everywhere.
import { load, OSError, ValueError, CERT_REQUIRED, memoryPair, type SSLSocket, type LoadOptions } from '../../js/index.js';
import { installMicroPython, bridgeConnector, type MicroPython } from '../../js/micropython.js';
import { roots, rootsSource } from '../../js/roots.js';

export async function portable(cadata: Uint8Array, wasmBinary: ArrayBuffer, mp: MicroPython): Promise<string> {
  const options: LoadOptions = { runtime: 'emscripten', wasmBinary, simd: false };
  const ssl = await load(options);
  const [a] = memoryPair({ capacity: 1024 });
  const s: SSLSocket = await ssl.wrap_socket(a, { cert_reqs: CERT_REQUIRED, cadata, server_hostname: 'localhost' });
  const chunk: Uint8Array | null = await s.read(100);
  await s.close();
  await installMicroPython(mp, { sockets: undefined, bridge: 'ws://127.0.0.1:8080/' });
  const connect = bridgeConnector('ws://127.0.0.1:8080/');
  const { ready } = connect('localhost', 443);
  await ready.catch((e: unknown) => (e instanceof OSError ? e.code : e instanceof ValueError ? 'value' : null));
  const pem: string = await roots();
  const { count } = await rootsSource();
  return `${chunk?.length} ${ssl.MBEDTLS_VERSION} ${pem.length} ${count}`;
}
