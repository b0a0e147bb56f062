// Node's own `tls` (native OpenSSL) in the same scenarios: a client and a server TLSSocket in
// one process over an in-memory Duplex pair, the same certificates, the same checks.
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { certBytes } from './certs.mjs';

function duplexPair() {
  const ends = [];
  for (let i = 0; i < 2; i++) {
    ends.push(new Duplex({
      read() {},
      write(chunk, _encoding, done) { ends[1 - i].push(chunk); done(); },
      final(done) { ends[1 - i].push(null); done(); },
    }));
  }
  return ends;
}

function contexts(scenario) {
  const pem = (name) => Buffer.from(certBytes(name));
  return {
    server: tls.createSecureContext({ cert: pem(scenario.cert), key: pem(scenario.key), ...scenario.node }),
    client: tls.createSecureContext({ ca: pem(scenario.caPem), ...scenario.node }),
  };
}

function connect(ctx) {
  const [a, b] = duplexPair();
  const server = new tls.TLSSocket(b, { isServer: true, secureContext: ctx.server });
  const client = tls.connect({ socket: a, secureContext: ctx.client, servername: 'localhost' });
  const ready = Promise.all([
    new Promise((resolve, reject) => { client.once('secureConnect', resolve); client.once('error', reject); }),
    new Promise((resolve, reject) => { server.once('secure', resolve); server.once('error', reject); }),
  ]);
  return { client, server, ready };
}

async function once(ctx) {
  const p = connect(ctx);
  await p.ready;
  if (!p.client.authorized) throw new Error(`node tls: not verified: ${p.client.authorizationError}`);
  return p;
}

export async function handshakes(scenario, seconds) {
  const ctx = contexts(scenario);
  for (let i = 0; i < 3; i++) { const p = await once(ctx); p.client.destroy(); p.server.destroy(); }
  let count = 0, negotiated = null, elapsed = 0;
  const start = performance.now();
  while (elapsed < seconds * 1000 || count < 3) {
    const p = await once(ctx);
    negotiated ??= { version: p.client.getProtocol(), cipher: p.client.getCipher().name };
    p.client.destroy(); p.server.destroy();
    count++;
    elapsed = performance.now() - start;
  }
  return { count, seconds: elapsed / 1000, ...negotiated };
}

export async function bulk(scenario, total, chunk) {
  const p = await once(contexts(scenario));
  const data = Buffer.alloc(chunk, 7);
  let received = 0;
  const start = performance.now();
  const done = new Promise((resolve) => {
    p.server.on('data', (d) => { received += d.length; if (received >= total) resolve(); });
  });
  for (let sent = 0; sent < total; sent += chunk) {
    if (!p.client.write(data)) await new Promise((resolve) => p.client.once('drain', resolve));
  }
  await done;
  const seconds = (performance.now() - start) / 1000;
  const result = { bytes: received, seconds, version: p.client.getProtocol(), cipher: p.client.getCipher().name };
  p.client.destroy(); p.server.destroy();
  return result;
}
