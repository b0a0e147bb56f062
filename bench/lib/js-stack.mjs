// The whole JS→wasm→JS stack: the npm package's public API (load, wrap_socket over its
// in-memory pair, SSLSocket's promises), as an application uses it. Each wrap_socket builds its
// own configuration (certificates and key parsed, the key checked against the certificate),
// exactly as the seed's ssl.wrap_socket does; that cost is part of every handshake here.
import { load } from '../../js/src/index.js';
import { certBytes } from './certs.mjs';

const runtime = process.env.WSSL_BENCH_RUNTIME || 'emscripten';
let sslModule = null;
async function ssl() {
  sslModule ??= await load({ runtime });
  return sslModule;
}

async function connect(scenario) {
  const s = await ssl();
  const [a, b] = s.memoryPair();
  const ciphers = scenario.ciphers ? { ciphers: [scenario.ciphers] } : {};
  const [client, server] = await Promise.all([
    s.wrap_socket(a, { cert_reqs: s.CERT_REQUIRED, cadata: certBytes(scenario.ca),
      server_hostname: 'localhost', ...ciphers }),
    s.wrap_socket(b, { server_side: true, cert: certBytes(scenario.cert), key: certBytes(scenario.key), ...ciphers }),
  ]);
  return { client, server };
}

async function closeBoth(p) {
  await Promise.all([p.client.close(), p.server.close()]);
}

export async function handshakes(scenario, seconds) {
  for (let i = 0; i < 3; i++) await closeBoth(await connect(scenario));
  let count = 0, negotiated = null, elapsed = 0;
  const start = performance.now();
  while (elapsed < seconds * 1000 || count < 3) {
    const p = await connect(scenario);
    negotiated ??= { version: p.client.version(), cipher: p.client.cipher() };
    await closeBoth(p);
    count++;
    elapsed = performance.now() - start;
  }
  return { count, seconds: elapsed / 1000, ...negotiated };
}

export async function bulk(scenario, total, chunk) {
  const p = await connect(scenario);
  const data = new Uint8Array(chunk).map((_, i) => (i * 31 + 7) & 0xff);
  const into = new Uint8Array(chunk);
  let received = 0;
  const start = performance.now();
  await Promise.all([
    (async () => { for (let sent = 0; sent < total; sent += chunk) await p.client.write(data); })(),
    (async () => {
      while (received < total) {
        const n = await p.server.readinto(into);
        if (!n) throw new Error(`js stack: read ${n} after ${received} bytes`);
        if (into[0] !== data[received % chunk]) throw new Error('js stack: data mismatch');
        received += n;
      }
    })(),
  ]);
  const seconds = (performance.now() - start) / 1000;
  const result = { bytes: received, seconds, version: p.client.version(), cipher: p.client.cipher() };
  await closeBoth(p);
  return result;
}
