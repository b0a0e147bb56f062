// node-forge (pure JavaScript TLS) doing what it supports: TLS 1.1 with RSA key transport and
// TLS_RSA_WITH_AES_128_CBC_SHA, verifying an RSA chain; no TLS 1.2/1.3, ECDHE, GCM or ChaCha20
// in its TLS. Its AES-128-GCM cipher is measured on its own for the cipher table.
import forge from 'node-forge';
import { certBytes } from './certs.mjs';

const text = (name) => new TextDecoder().decode(certBytes(name));

// A client and a server forge connection joined directly (each one's output is the other's input).
function connect(scenario, onData) {
  const suite = forge.tls.CipherSuites.TLS_RSA_WITH_AES_128_CBC_SHA;
  let server, client, established = 0, failure = null;
  const common = {
    cipherSuites: [suite],
    connected: () => { established++; },
    error: (_c, e) => { failure = new Error(`forge: ${e.message}`); },
    closed: () => {},
  };
  server = forge.tls.createConnection({
    ...common, server: true, verifyClient: false, sessionCache: {},
    // the chain as separate PEM certificates (leaf first): forge reads one per string
    getCertificate: () => text(scenario.cert).match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g),
    getPrivateKey: () => text(scenario.key),
    tlsDataReady: (c) => client.process(c.tlsData.getBytes()),
    dataReady: (c) => onData(c.data.getBytes()),
  });
  client = forge.tls.createConnection({
    ...common, server: false, caStore: [text(scenario.caPem)], virtualHost: 'localhost',
    verify: (_c, verified) => verified,
    tlsDataReady: (c) => server.process(c.tlsData.getBytes()),
    dataReady: () => {},
  });
  client.handshake();
  if (failure) throw failure;
  if (established !== 2) throw new Error('forge: handshake did not complete');
  return { client, server, version: `TLSv1.${client.version.minor - 1}` };
}

export function handshakes(scenario, seconds) {
  for (let i = 0; i < 2; i++) connect(scenario, () => {}).client.close();
  let count = 0, elapsed = 0, version = null;
  const start = performance.now();
  while (elapsed < seconds * 1000 || count < 2) {
    const p = connect(scenario, () => {});
    version = p.version;
    p.client.close();
    count++;
    elapsed = performance.now() - start;
  }
  return { count, seconds: elapsed / 1000, version, cipher: 'TLS_RSA_WITH_AES_128_CBC_SHA' };
}

export function bulk(scenario, total, chunk) {
  let received = 0;
  const p = connect(scenario, (bytes) => { received += bytes.length; });
  const data = forge.util.createBuffer('\x07'.repeat(chunk)).getBytes();
  const start = performance.now();
  for (let sent = 0; sent < total; sent += chunk) p.client.prepare(data);
  const seconds = (performance.now() - start) / 1000;
  if (received !== total) throw new Error(`forge: received ${received} of ${total}`);
  p.client.close();
  return { bytes: received, seconds, version: p.version, cipher: 'TLS_RSA_WITH_AES_128_CBC_SHA' };
}

/** forge's AES-128-GCM over records of `record` bytes: seconds to seal and to open `total`. */
export function aesGcmSeconds(total, record) {
  const key = forge.util.createBuffer('k'.repeat(16)).getBytes();
  const iv = 'n'.repeat(12), plain = forge.util.createBuffer('\x07'.repeat(record));
  const time = (fn) => { const t = performance.now(); for (let d = 0; d < total; d += record) fn(); return (performance.now() - t) / 1000; };
  let sealed = null, tag = null;
  const seal = () => {
    const c = forge.cipher.createCipher('AES-GCM', key);
    c.start({ iv, additionalData: 'a'.repeat(13), tagLength: 128 });
    c.update(plain.copy());
    c.finish();
    sealed = c.output; tag = c.mode.tag;
  };
  const open = () => {
    const d = forge.cipher.createDecipher('AES-GCM', key);
    d.start({ iv, additionalData: 'a'.repeat(13), tagLength: 128, tag });
    d.update(sealed.copy());
    if (!d.finish()) throw new Error('forge: GCM tag mismatch');
  };
  seal();
  return { seal: time(seal), open: time(open) };
}
