// Session resumption from the client side: SSLSocket.session() and wrap_socket's `session`,
// against a Node TLS server (which keeps its ticket keys across connections).
import net from 'node:net';
import tls from 'node:tls';
import { certFile } from '../support/paths.js';
import { RUNTIMES, loadSsl, clientOptions, text } from '../support/ssl.js';

describe.each(RUNTIMES)('session resumption (%s build)', (runtime) => {
  let ssl, server, port;
  const reused = [];
  beforeAll(async () => {
    ssl = await loadSsl(runtime);
    server = tls.createServer({ key: Buffer.from(certFile('server.key')), cert: Buffer.from(certFile('server.crt')) },
      (sock) => {
        reused.push(sock.isSessionReused());
        sock.end('hello\n');
      });
    server.on('tlsClientError', () => {}); // a refused handshake is the test's business
    port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  async function connect(options) {
    const s = await ssl.wrap_socket(net.connect(port, '127.0.0.1'), clientOptions(ssl, options));
    expect(text(await s.read())).toBe('hello\n'); // to the end: a TLS 1.3 ticket comes with the data
    const result = { version: s.version(), reused: s.session_reused(), session: s.session() };
    await s.close();
    return result;
  }

  test.each(['1.2', '1.3'])('TLS %s: the saved session gives an abbreviated handshake, seen by both ends', async (v) => {
    const ciphers = v === '1.2' ? ['TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256'] : ['TLS1-3-AES-128-GCM-SHA256'];
    const first = await connect({ ciphers });
    expect(first).toMatchObject({ version: `TLSv${v}`, reused: false });
    expect(first.session).toBeInstanceOf(Uint8Array);
    const before = reused.length;
    const second = await connect({ ciphers, session: first.session });
    expect(second).toMatchObject({ version: `TLSv${v}`, reused: true });
    expect(reused[before]).toBe(true);
  });

  test('bytes that are not a session are ValueError; a server cannot be given one', async () => {
    const sock = net.connect(port, '127.0.0.1');
    await expect(ssl.wrap_socket(sock, clientOptions(ssl, { session: new Uint8Array(40) })))
      .rejects.toMatchObject({ name: 'ValueError', message: 'invalid session' });
    sock.destroy();
    await expect(ssl.wrap_socket(ssl.memoryPair()[0], { server_side: true, session: new Uint8Array(1) }))
      .rejects.toBeInstanceOf(TypeError);
  });
});
