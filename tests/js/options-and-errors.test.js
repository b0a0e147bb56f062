// wrap_socket's arguments and every kind of failure: MicroPython's ValueErrors, OSError for
// TLS and transport failures, TypeError/RangeError for bad arguments; the verify callback,
// CERT_OPTIONAL, ALPN, keyfile/certfile.
import net from 'node:net';
import { certDir, certFile } from '../support/paths.js';
import { RUNTIMES, loadSsl, connectedPair, clientOptions, serverOptions, text } from '../support/ssl.js';

describe.each(RUNTIMES)('options and errors (%s build)', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });
  const wrap = (options) => ssl.wrap_socket(ssl.memoryPair()[0], { do_handshake: false, ...options });

  test("invalid key and cert data are ValueErrors with MicroPython's texts", async () => {
    await expect(wrap({ key: '!', cert: certFile('server.crt') })).rejects.toMatchObject({ name: 'ValueError', message: 'invalid key' });
    await expect(wrap({ key: certFile('server.key'), cert: 'not a certificate' })).rejects.toMatchObject({ name: 'ValueError', message: 'invalid cert' });
    await expect(wrap({ cadata: new Uint8Array([0x30, 0x03, 1, 2, 3]) })).rejects.toMatchObject({ name: 'ValueError', message: 'invalid cert' });
    // A valid key that is not the certificate's own.
    await expect(wrap({ key: certFile('client.key'), cert: certFile('server.crt') })).rejects.toBeInstanceOf(ssl.ValueError);
    await expect(wrap({ cert_reqs: ssl.CERT_REQUIRED, cadata: certFile('ca.der') }))
      .rejects.toMatchObject({ name: 'ValueError', message: 'CERT_REQUIRED requires server_hostname' });
  });

  test('key, cert and cadata are accepted as PEM or DER, bytes or text', async () => {
    const pemText = (name) => new TextDecoder().decode(certFile(name));
    const { client } = await connectedPair(ssl,
      { cadata: pemText('ca-bundle.pem') },
      { key: certFile('server.key.der'), cert: certFile('server.der') });
    expect(client.verify_result().verified).toBe(true);
    await client.close();
    const again = await connectedPair(ssl, { cadata: certFile('ca-bundle.der').buffer }, { key: pemText('server.key'), cert: pemText('server.crt') });
    expect(again.client.version()).toBe('TLSv1.3');
    await again.client.close();
  });

  test('bad argument types and values are TypeError / RangeError', async () => {
    await expect(wrap({ cert_reqs: 7 })).rejects.toBeInstanceOf(RangeError);
    await expect(wrap({ key: 42, cert: certFile('server.crt') })).rejects.toBeInstanceOf(TypeError);
    await expect(wrap({ key: certFile('server.key') })).rejects.toThrow('key and cert must be given together');
    await expect(wrap({ server_hostname: 5 })).rejects.toBeInstanceOf(TypeError);
    await expect(wrap({ serverSide: true })).rejects.toThrow('unknown option "serverSide"');
    await expect(ssl.wrap_socket({}, {})).rejects.toBeInstanceOf(TypeError);
    await expect(ssl.wrap_socket(ssl.memoryPair()[0], 'options')).rejects.toBeInstanceOf(TypeError);
    const { client } = await connectedPair(ssl);
    await expect(client.write(12)).rejects.toBeInstanceOf(TypeError);
    await expect(client.read(1.5)).rejects.toBeInstanceOf(TypeError);
    await client.close();
  });

  test('a wrap_socket that fails before any I/O leaves the socket to its owner, unread', async () => {
    const server = net.createServer((sock) => sock.end('plain text'));
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    try {
      const sock = net.connect(server.address().port, '127.0.0.1');
      await expect(ssl.wrap_socket(sock, { cert_reqs: ssl.CERT_REQUIRED, cadata: certFile('ca.der') }))
        .rejects.toThrow('CERT_REQUIRED requires server_hostname');
      expect(sock.listenerCount('data')).toBe(0);
      expect(sock.destroyed).toBe(false);
      const chunks = [];
      sock.on('data', (c) => chunks.push(c));
      sock.resume();
      await new Promise((r) => sock.on('end', r));
      expect(Buffer.concat(chunks).toString()).toBe('plain text');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  test('keyfile and certfile are paths; a missing file is OSError ENOENT', async () => {
    const [a, b] = ssl.memoryPair();
    const [c, s] = await Promise.all([
      ssl.wrap_socket(a, clientOptions(ssl)),
      ssl.wrap_socket(b, { server_side: true, keyfile: `${certDir}/server.key`, certfile: `${certDir}/server.crt` }),
    ]);
    expect(c.getpeercert().subject).toBe('CN=localhost');
    await c.close();
    await s.close();
    await expect(wrap({ keyfile: `${certDir}/missing.key`, certfile: `${certDir}/server.crt` }))
      .rejects.toMatchObject({ name: 'OSError', errno: 2, code: 'ENOENT' });
  });

  test('the verify callback sees the chain root first (depth 1, then 0) and can veto', async () => {
    const seen = [];
    const { client } = await connectedPair(ssl, { verify_callback: (der, depth) => { seen.push([der.length > 0, depth]); return 0; } });
    expect(seen).toEqual([[true, 1], [true, 0]]);
    await client.close();

    const [a, b] = ssl.memoryPair();
    const server = ssl.wrap_socket(b, serverOptions()).catch((e) => e);
    const err = await ssl.wrap_socket(a, clientOptions(ssl, { verify_callback: (der, depth) => (depth === 0 ? -0x2700 : 0) })).catch((e) => e);
    expect(err).toMatchObject({ name: 'OSError', errno: -0x2700, code: 'MBEDTLS_ERR_X509_CERT_VERIFY_FAILED' });
    expect(await server).toBeInstanceOf(ssl.OSError); // the server was told (bad_certificate alert)
  });

  test('an asynchronous verify callback is awaited; one that throws fails the handshake with its error', async () => {
    const { client } = await connectedPair(ssl, { verify_callback: async () => { await new Promise((r) => setTimeout(r, 5)); } });
    expect(client.version()).toBe('TLSv1.3');
    await client.close();
    const [a, b] = ssl.memoryPair();
    ssl.wrap_socket(b, serverOptions()).catch(() => {});
    const boom = new Error('not this one');
    await expect(ssl.wrap_socket(a, clientOptions(ssl, { verify_callback: () => { throw boom; } }))).rejects.toBe(boom);
  });

  test('CERT_OPTIONAL completes the handshake and reports what failed', async () => {
    const { client } = await connectedPair(ssl, { cert_reqs: ssl.CERT_OPTIONAL, server_hostname: 'wrong.example' });
    expect(client.verify_result()).toMatchObject({ verified: false,
      errors: ['The certificate Common Name (CN) does not match with the expected CN'] });
    await client.close();
  });

  test('ALPN: the server picks from what the client offers', async () => {
    const { client, server } = await connectedPair(ssl, { alpn_protocols: ['h2', 'http/1.1'] }, { alpn_protocols: 'http/1.1' });
    expect(client.selected_alpn_protocol()).toBe('http/1.1');
    expect(server.selected_alpn_protocol()).toBe('http/1.1');
    await client.close();
    await server.close();
  });

  test('unknown cipher names are OSError MBEDTLS_ERR_SSL_BAD_CONFIG', async () => {
    await expect(wrap({ ciphers: ['BAR'] })).rejects.toMatchObject({ errno: -24192, code: 'MBEDTLS_ERR_SSL_BAD_CONFIG' });
  });

  test('a transport that ends during the handshake is OSError MBEDTLS_ERR_SSL_CONN_EOF', async () => {
    const server = net.createServer((sock) => sock.once('data', () => sock.end())); // hears the hello, leaves
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    try {
      const err = await ssl.wrap_socket(net.connect(server.address().port, '127.0.0.1'), clientOptions(ssl)).catch((e) => e);
      expect(err).toMatchObject({ name: 'OSError', errno: -0x7280, code: 'MBEDTLS_ERR_SSL_CONN_EOF' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  test('writing to a memory pair whose other end is gone is OSError EPIPE', async () => {
    const [a, b] = ssl.memoryPair();
    b.close();
    await expect(ssl.wrap_socket(a, clientOptions(ssl))).rejects.toMatchObject({ name: 'OSError', errno: 32, code: 'EPIPE' });
  });

  test('a reset TCP connection is OSError ECONNRESET', async () => {
    const server = net.createServer((sock) => sock.once('data', () => sock.resetAndDestroy()));
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    try {
      const err = await ssl.wrap_socket(net.connect(server.address().port, '127.0.0.1'), clientOptions(ssl)).catch((e) => e);
      expect(err).toMatchObject({ name: 'OSError', errno: 104, code: 'ECONNRESET' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  test('a refused TCP connection is OSError ECONNREFUSED', async () => {
    const probe = net.createServer();
    await new Promise((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address();
    await new Promise((r) => probe.close(r));
    const err = await ssl.wrap_socket(net.connect(port, '127.0.0.1'), clientOptions(ssl)).catch((e) => e);
    expect(err).toMatchObject({ name: 'OSError', errno: 111, code: 'ECONNREFUSED' });
  });

  test('a Web Streams pair carries TLS (two TransformStreams make the pipe)', async () => {
    const up = new TransformStream(), down = new TransformStream();
    const [c, s] = await Promise.all([
      ssl.wrap_socket({ readable: down.readable, writable: up.writable }, clientOptions(ssl)),
      ssl.wrap_socket({ readable: up.readable, writable: down.writable }, serverOptions()),
    ]);
    const payload = new Uint8Array(300000).map((_, i) => i % 241);
    const [, got] = await Promise.all([c.write(payload).then(() => c.close()), s.read()]);
    expect(Buffer.from(got).equals(Buffer.from(payload))).toBe(true);
    await s.close();
  });

  test('a bare host stream (read/write only, no readiness signal) works by polling', async () => {
    const [a, b] = ssl.memoryPair();
    const bare = { read: (buf) => b.read(buf), write: (buf) => b.write(buf), close: () => b.close() };
    const [c, s] = await Promise.all([ssl.wrap_socket(a, clientOptions(ssl)), ssl.wrap_socket(bare, serverOptions())]);
    expect(s.transport).toBe(bare);
    await c.write('polled\n');
    expect(text(await s.readline())).toBe('polled\n');
    await c.close();
    expect((await s.read()).length).toBe(0);
    await s.close();
  });
});
