// Driving a wasm build through its raw C ABI (include/wasm_ssl.h), below the JS package:
// an in-memory host-stream pair and a verified client/server handshake over it.
import { WOULD_BLOCK } from '../../js/src/engine/index.js';
import { certFile } from './paths.js';

export const WANT_READ = -0x6900, WANT_WRITE = -0x6880;
const isWant = (r) => r === WANT_READ || r === WANT_WRITE;

/** Two host streams, each reading what the other wrote. */
export function memoryPair() {
  const queues = [[], []];
  const end = (inbox, outbox) => ({
    read(buf) {
      if (inbox.length === 0) return WOULD_BLOCK;
      const chunk = inbox[0];
      const n = Math.min(buf.length, chunk.length);
      buf.set(chunk.subarray(0, n));
      if (n === chunk.length) inbox.shift(); else inbox[0] = chunk.subarray(n);
      return n;
    },
    write(buf) { outbox.push(buf.slice()); return buf.length; },
    close() {},
  });
  return [end(queues[0], queues[1]), end(queues[1], queues[0])];
}

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
