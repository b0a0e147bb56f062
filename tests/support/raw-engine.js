// Driving a wasm build through the raw wrapper of its C ABI (js/src/engine/raw.js), below the JS
// package's SSLSocket: a verified client/server handshake over the package's in-memory pair,
// whose ends are host streams exactly as the engine's imports take them.
import { WANT_READ, WANT_WRITE, CLIENT, SERVER } from '../../js/src/engine/abi.js';
import { RawEngine } from '../../js/src/engine/raw.js';
import { memoryPair } from '../../js/src/streams/memory-pair.js';
import { certFile } from './paths.js';

export { WANT_READ, WANT_WRITE };
const isWant = (r) => r === WANT_READ || r === WANT_WRITE;

/**
 * A client (CERT_REQUIRED, test CA, "localhost") and a server (server.crt) connected over a
 * memory pair, handshaken. Returns { client, server, results: [c, s], free() }; client and
 * server are RawConnections (their .handle is the ABI's).
 */
export function handshakePair(engine) {
  const raw = new RawEngine(engine);
  const ccfg = raw.newConfig(CLIENT), scfg = raw.newConfig(SERVER);
  if (typeof ccfg === 'number' || typeof scfg === 'number') {
    throw new Error(`config: ${raw.errorName(typeof ccfg === 'number' ? ccfg : scfg)}`);
  }
  ccfg.addCa(certFile('ca.der'));
  scfg.setOwnCert(certFile('server.crt'), certFile('server.key'));
  const [a, b] = memoryPair();
  const client = ccfg.connect(a, 'localhost');
  const server = scfg.connect(b);
  let c = WANT_READ, s = WANT_READ;
  for (let i = 0; i < 100 && (isWant(c) || isWant(s)); i++) {
    if (isWant(c)) c = client.handshake();
    if (isWant(s)) s = server.handshake();
  }
  return {
    client, server, results: [c, s],
    free() {
      client.close(); server.close();
      ccfg.free(); scfg.free();
    },
  };
}
