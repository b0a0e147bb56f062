// Driving a wasm build through its raw C ABI (include/wasm_ssl.h), below the JS package's
// SSLSocket: a verified client/server handshake over the package's in-memory pair, whose ends
// are host streams exactly as the engine's imports take them.
import { WANT_READ, WANT_WRITE } from '../../js/src/engine/abi.js';
import { memoryPair } from '../../js/src/streams/memory-pair.js';
import { certFile } from './paths.js';

export { WANT_READ, WANT_WRITE };
const isWant = (r) => r === WANT_READ || r === WANT_WRITE;

/**
 * A client (CERT_REQUIRED, test CA, "localhost") and a server (server.crt) connected over a
 * memory pair, handshaken. Returns { client, server, results: [c, s], free() }.
 */
export function handshakePair(engine) {
  const x = engine.exports;
  const ccfg = x.wssl_config_new(0), scfg = x.wssl_config_new(1);
  if (ccfg < 0 || scfg < 0) throw new Error(`config: ${engine.errorName(Math.min(ccfg, scfg))}`);
  engine.withBytes(certFile('ca.der'), (p, n) => x.wssl_config_add_ca(ccfg, p, n));
  engine.withBytes(certFile('server.crt'), (cp, cn) => engine.withBytes(certFile('server.key'),
    (kp, kn) => x.wssl_config_set_own_cert(scfg, cp, cn, kp, kn)));
  const [a, b] = memoryPair();
  const client = engine.withCString('localhost', (h) => x.wssl_conn_new(ccfg, engine.addStream(a), h));
  const server = x.wssl_conn_new(scfg, engine.addStream(b), 0);
  let c = WANT_READ, s = WANT_READ;
  for (let i = 0; i < 100 && (isWant(c) || isWant(s)); i++) {
    if (isWant(c)) c = x.wssl_handshake(client);
    if (isWant(s)) s = x.wssl_handshake(server);
  }
  return {
    client, server, results: [c, s],
    free() {
      x.wssl_close(client); x.wssl_close(server);
      x.wssl_config_free(ccfg); x.wssl_config_free(scfg);
    },
  };
}
