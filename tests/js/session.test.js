// Session resumption from the client side: SSLSocket.session() and wrap_socket's `session`,
// against Node TLS servers (which keep their ticket keys across connections). A session
// resumes only where the checks it passed still hold (same anchors, same host name, a
// verification at least as strong), reports what its original handshake verified, and its
// bytes hide the secret that resumes it.
import net from 'node:net';
import tls from 'node:tls';
import { certFile } from '../support/paths.js';
import { RUNTIMES, loadSsl, clientOptions, text } from '../support/ssl.js';

const CIPHERS = {
  '1.2': ['TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256'],
  '1.3': ['TLS1-3-AES-128-GCM-SHA256'],
};
const VERIFY_FAILED = { name: 'OSError', code: 'MBEDTLS_ERR_X509_CERT_VERIFY_FAILED' };

/** A Node TLS server with the test CA's `name` certificate; records reuse and key-log lines. */
async function startServer(name) {
  const reused = [], keylog = [];
  const server = tls.createServer({ key: Buffer.from(certFile(`${name}.key`)), cert: Buffer.from(certFile(`${name}.crt`)) },
    (sock) => {
      reused.push(sock.isSessionReused());
      sock.end('hello\n');
    });
  server.on('tlsClientError', () => {}); // a refused handshake is the test's business
  server.on('keylog', (line) => keylog.push(line.toString()));
  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  return { server, port, reused, keylog };
}

const contains = (hay, needle) => Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;

describe.each(RUNTIMES)('session resumption (%s build)', (runtime) => {
  let ssl, trusted, untrusted;
  beforeAll(async () => {
    ssl = await loadSsl(runtime);
    [trusted, untrusted] = await Promise.all([startServer('server'), startServer('untrusted')]);
  });
  afterAll(() => Promise.all([trusted, untrusted].map(({ server }) => new Promise((resolve) => server.close(resolve)))));

  async function connect(options, peer = trusted) {
    const s = await ssl.wrap_socket(net.connect(peer.port, '127.0.0.1'), clientOptions(ssl, options));
    expect(text(await s.read())).toBe('hello\n'); // to the end: a TLS 1.3 ticket comes with the data
    const result = {
      version: s.version(), reused: s.session_reused(), session: s.session(),
      verify: s.verify_result(), peer: s.getpeercert(true), info: s.getpeercert(),
    };
    await s.close();
    return result;
  }

  test.each(['1.2', '1.3'])('TLS %s: the saved session gives an abbreviated handshake, seen by both ends', async (v) => {
    const ciphers = CIPHERS[v];
    const first = await connect({ ciphers });
    expect(first).toMatchObject({ version: `TLSv${v}`, reused: false });
    expect(first.session).toBeInstanceOf(Uint8Array);
    const before = trusted.reused.length;
    const second = await connect({ ciphers, session: first.session });
    expect(second).toMatchObject({ version: `TLSv${v}`, reused: true });
    expect(trusted.reused[before]).toBe(true);
  });

  test.each(['1.2', '1.3'])('TLS %s: the resumed socket reports the recorded verification and peer certificate', async (v) => {
    const ciphers = CIPHERS[v];
    const first = await connect({ ciphers });
    const second = await connect({ ciphers, session: first.session });
    expect(second.reused).toBe(true);
    expect(second.verify).toEqual({ verified: true, flags: 0, errors: [] });
    expect(Buffer.from(second.peer)).toEqual(Buffer.from(certFile('server.der')));
    expect(second.info).toMatchObject({ subject: 'CN=localhost' });
  });

  test.each(['1.2', '1.3'])('TLS %s: a CERT_NONE or failed CERT_OPTIONAL session is not resumed under CERT_REQUIRED', async (v) => {
    const ciphers = CIPHERS[v];
    for (const cert_reqs of [ssl.CERT_NONE, ssl.CERT_OPTIONAL]) {
      const first = await connect({ ciphers, cert_reqs }, untrusted);
      expect(first.session).toBeInstanceOf(Uint8Array);
      const before = untrusted.reused.length;
      // Resumed, this would skip the chain check; in full, the untrusted server is refused.
      await expect(ssl.wrap_socket(net.connect(untrusted.port, '127.0.0.1'),
        clientOptions(ssl, { ciphers, session: first.session }))).rejects.toMatchObject(VERIFY_FAILED);
      expect(untrusted.reused.length).toBe(before);
    }
  });

  test.each(['1.2', '1.3'])('TLS %s: a failed CERT_OPTIONAL session resumed under CERT_OPTIONAL still reports the failure', async (v) => {
    const ciphers = CIPHERS[v];
    const first = await connect({ ciphers, cert_reqs: ssl.CERT_OPTIONAL }, untrusted);
    expect(first.verify.verified).toBe(false);
    const second = await connect({ ciphers, cert_reqs: ssl.CERT_OPTIONAL, session: first.session }, untrusted);
    expect(second.reused).toBe(true);
    expect(second.verify).toEqual(first.verify);
    expect(Buffer.from(second.peer)).toEqual(Buffer.from(certFile('untrusted.der')));
  });

  test.each(['1.2', '1.3'])('TLS %s: a session saved for localhost is not offered for another host name', async (v) => {
    const ciphers = CIPHERS[v];
    const first = await connect({ ciphers });
    const other = await connect({ ciphers, cert_reqs: ssl.CERT_NONE, server_hostname: 'victim.example', session: first.session });
    expect(other.reused).toBe(false);
    await expect(ssl.wrap_socket(net.connect(trusted.port, '127.0.0.1'),
      clientOptions(ssl, { ciphers, server_hostname: 'victim.example', session: first.session })))
      .rejects.toMatchObject(VERIFY_FAILED);
  });

  test.each(['1.2', '1.3'])('TLS %s: a session is not offered with other trust anchors', async (v) => {
    const ciphers = CIPHERS[v];
    const first = await connect({ ciphers });
    const bundle = Buffer.concat([Buffer.from(certFile('ca.der')), Buffer.from(certFile('other-ca.der'))]);
    const other = await connect({ ciphers, cadata: bundle, session: first.session });
    expect(other).toMatchObject({ reused: false, verify: { verified: true } });
  });

  test('a session blob hides the TLS 1.2 master secret, the host name and the peer certificate', async () => {
    const lines = trusted.keylog.length;
    const first = await connect({ ciphers: CIPHERS['1.2'] });
    const logged = trusted.keylog.slice(lines).map((l) => l.trim().split(' ')).find(([label]) => label === 'CLIENT_RANDOM');
    expect(logged).toBeDefined();
    const master = Buffer.from(logged[2], 'hex');
    expect(master.length).toBe(48);
    for (let at = 0; at + 8 <= master.length; at += 8) expect(contains(first.session, master.subarray(at, at + 8))).toBe(false);
    expect(contains(first.session, Buffer.from('localhost'))).toBe(false);
    expect(contains(first.session, Buffer.from(certFile('server.der')).subarray(100, 132))).toBe(false);
  });

  test('a tampered session is ValueError; bytes that are not a session too; a server cannot be given one', async () => {
    const first = await connect({ ciphers: CIPHERS['1.3'] });
    const tampered = Uint8Array.from(first.session);
    tampered[tampered.length >> 1] ^= 1;
    for (const session of [tampered, new Uint8Array(40)]) {
      const sock = net.connect(trusted.port, '127.0.0.1');
      await expect(ssl.wrap_socket(sock, clientOptions(ssl, { session })))
        .rejects.toMatchObject({ name: 'ValueError', message: 'invalid session' });
      sock.destroy();
    }
    await expect(ssl.wrap_socket(ssl.memoryPair()[0], { server_side: true, session: new Uint8Array(1) }))
      .rejects.toBeInstanceOf(TypeError);
  });
});
