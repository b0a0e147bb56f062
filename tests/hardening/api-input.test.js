// Bad input at the JavaScript surface, both builds: every mistake a caller can make with
// wrap_socket and SSLSocket ends in a clear TypeError, RangeError, ValueError or OSError —
// never a crash of the wasm instance, a hang, or a quiet success — and the instance keeps
// working afterwards.
import { certFile } from '../support/paths.js';
import { RUNTIMES, loadSsl, connectedPair, clientOptions, serverOptions, text } from '../support/ssl.js';

const BOUND_MS = 5000;
function bounded(promise) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${BOUND_MS} ms: a hang`)), BOUND_MS);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

/** What calling fn gives: its error as { type, message } (or 'no error'). */
async function failureOf(fn) {
  try {
    await bounded(Promise.resolve().then(fn));
    return 'no error';
  } catch (err) {
    return { type: err.name, message: err.message, code: err.code };
  }
}

const pem = (name) => new TextDecoder().decode(certFile(name));
const corruptPem = (name) => pem(name).replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
const truncatedDer = (name) => certFile(name).slice(0, 100);

describe.each(RUNTIMES)('%s build', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });
  afterEach(async () => {
    // Whatever the case did, the instance still serves a verified connection.
    const { client, server } = await bounded(connectedPair(ssl));
    await client.write('ok\n');
    expect(text(await server.readline())).toBe('ok\n');
    await client.close();
    await server.close();
  });

  /** wrap_socket over a fresh in-memory end, without a handshake unless asked. */
  const wrap = (options, sock = ssl.memoryPair()[0]) => ssl.wrap_socket(sock, { do_handshake: false, ...options });
  const server = (extra) => serverOptions(extra);

  // [case, call, expected error type, text the message must contain]
  const WRAP_CASES = () => [
    ['sock: null', () => ssl.wrap_socket(null), 'TypeError', 'sock must be'],
    ['sock: a number', () => ssl.wrap_socket(42), 'TypeError', 'sock must be'],
    ['sock: a string', () => ssl.wrap_socket('127.0.0.1:443'), 'TypeError', 'sock must be'],
    ['sock: an empty object', () => ssl.wrap_socket({}), 'TypeError', 'sock must be'],
    ['options: a string', () => ssl.wrap_socket(ssl.memoryPair()[0], 'server_side'), 'TypeError', 'options must be an object'],
    ['options: an unknown name', () => wrap({ certreqs: 2 }), 'TypeError', 'unknown option'],
    ['cert_reqs: 3', () => wrap({ cert_reqs: 3 }), 'RangeError', 'cert_reqs'],
    ['cert_reqs: -1', () => wrap({ cert_reqs: -1 }), 'RangeError', 'cert_reqs'],
    ["cert_reqs: '2'", () => wrap({ cert_reqs: '2' }), 'RangeError', 'cert_reqs'],
    ['key: a number', () => wrap(server({ key: 42 })), 'TypeError', 'key must be bytes'],
    ['cert: an object', () => wrap(server({ cert: { pem: 'x' } })), 'TypeError', 'cert must be bytes'],
    ['cadata: true', () => wrap({ cadata: true }), 'TypeError', 'cadata must be bytes'],
    ['server_hostname: a number', () => wrap({ server_hostname: 443 }), 'TypeError', 'server_hostname must be a string'],
    ['key without cert', () => wrap({ server_side: true, key: certFile('server.key') }), 'TypeError', 'key and cert must be given together'],
    ['alpn_protocols: a number list', () => wrap({ alpn_protocols: [1] }), 'TypeError', 'alpn_protocols'],
    ['alpn_protocols: a 300-byte name', () => wrap({ alpn_protocols: ['x'.repeat(300)] }), 'OSError', 'EINVAL'],
    ['ciphers: an unknown name', () => wrap({ ciphers: ['TLS-NOT-A-SUITE'] }), 'OSError', 'MBEDTLS_ERR_SSL_BAD_CONFIG'],
    ['verify_callback: a string', () => wrap({ verify_callback: 'yes' }), 'TypeError', 'verify_callback'],
    ['key: not PEM or DER', () => wrap(server({ key: 'hello' })), 'ValueError', 'invalid key'],
    ['key: PEM with broken base64', () => wrap(server({ key: corruptPem('server.key') })), 'ValueError', 'invalid key'],
    ['key: truncated DER', () => wrap(server({ key: truncatedDer('server.key.der') })), 'ValueError', 'invalid key'],
    ['key: empty', () => wrap(server({ key: new Uint8Array(0) })), 'ValueError', 'invalid key'],
    ['cert: PEM with broken base64', () => wrap(server({ cert: corruptPem('server.crt') })), 'ValueError', 'invalid cert'],
    ['cert: truncated DER', () => wrap(server({ cert: truncatedDer('server.der') })), 'ValueError', 'invalid cert'],
    ['cert: a key in its place', () => wrap(server({ cert: certFile('server.key') })), 'ValueError', 'invalid cert'],
    ['cadata: truncated DER', () => wrap({ cadata: truncatedDer('ca.der') }), 'ValueError', 'invalid cert'],
    ['cadata: a good certificate, then garbage', () => wrap({ cadata: `${pem('ca.crt')}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n` }), 'ValueError', 'invalid cert'],
    ['cadata: empty', () => wrap({ cadata: '' }), 'ValueError', 'invalid cert'],
    ['key and cert that do not match', () => wrap(server({ key: certFile('client.key') })), 'ValueError', 'invalid key'],
    ['an RSA key with an ECDSA certificate', () => wrap(server({ key: certFile('server-rsa.key') })), 'ValueError', 'invalid key'],
    ['CERT_REQUIRED client without server_hostname', () => wrap({ cert_reqs: ssl.CERT_REQUIRED, cadata: certFile('ca.der') }), 'ValueError', 'CERT_REQUIRED requires server_hostname'],
    ['keyfile: a missing file', () => wrap({ server_side: true, keyfile: '/nonexistent/key.pem', certfile: '/nonexistent/cert.pem' }), 'OSError', 'ENOENT'],
    ['session on a server', () => wrap(server({ session: new Uint8Array(10) })), 'TypeError', 'session is for clients'],
    ['session: not a session', () => wrap({ session: new Uint8Array(64) }), 'ValueError', 'invalid session'],
  ];

  test.each(WRAP_CASES().map(([name]) => [name]))('wrap_socket, %s', async (name) => {
    const [, call, type, message] = WRAP_CASES().find(([n]) => n === name);
    const failure = await failureOf(call);
    expect(failure).toMatchObject({ type });
    expect(failure.message).toContain(message);
  });

  test('a server without a certificate is refused before any I/O, the transport left untouched', async () => {
    const [a, b] = ssl.memoryPair();
    expect(await failureOf(() => ssl.wrap_socket(b, { server_side: true })))
      .toMatchObject({ type: 'TypeError', message: expect.stringContaining('server_side needs a certificate') });
    // The other end sees nothing: no alert, no close.
    expect(a.read(new Uint8Array(8))).toBe(-11);
  });

  describe('on a connected socket', () => {
    let client, srv;
    beforeEach(async () => { ({ client, server: srv } = await connectedPair(ssl)); });
    afterEach(async () => { await client.close(); await srv.close(); });

    const SOCKET_CASES = () => [
      ['read(1.5)', () => client.read(1.5), 'TypeError'],
      ["read('3')", () => client.read('3'), 'TypeError'],
      ['read(NaN)', () => client.read(NaN), 'TypeError'],
      ['readinto(an Array)', () => client.readinto([0, 0, 0]), 'TypeError'],
      ['readinto(a string)', () => client.readinto('buffer'), 'TypeError'],
      ['readinto(buf, -1)', () => client.readinto(new Uint8Array(8), -1), 'RangeError'],
      ['readinto(buf, 2.5)', () => client.readinto(new Uint8Array(8), 2.5), 'TypeError'],
      ['write(a number)', () => client.write(7), 'TypeError'],
      ['write(null)', () => client.write(null), 'TypeError'],
      ['write(an object)', () => client.write({ data: 'x' }), 'TypeError'],
    ];
    test.each(SOCKET_CASES().map(([name]) => [name]))('%s', async (name) => {
      const [, call, type] = SOCKET_CASES().find(([n]) => n === name);
      expect(await failureOf(call)).toMatchObject({ type });
      // The connection itself is unharmed by a refused call.
      await client.write('still\n');
      expect(text(await srv.readline())).toBe('still\n');
    });

    test('huge sizes are served in pieces: read(2**31) returns what is there, a 4 MiB write arrives whole', async () => {
      await client.write('abc');
      expect(text(await bounded(srv.read(2 ** 31)))).toBe('abc');
      const big = new Uint8Array(4 << 20).fill(7);
      const [written, received] = await bounded(Promise.all([
        client.write(big),
        (async () => { let n = 0; while (n < big.length) n += (await srv.read(1 << 20)).length; return n; })(),
      ]));
      expect([written, received]).toEqual([big.length, big.length]);
    });

    test('read(0), readinto of an empty buffer and an empty write do nothing', async () => {
      expect((await client.read(0)).length).toBe(0);
      expect(await client.readinto(new Uint8Array(0))).toBe(0);
      expect(await client.write(new Uint8Array(0))).toBe(0);
    });
  });

  test('use after close: every stream call is OSError EBADF, queries are null, close again is harmless', async () => {
    const { client, server: srv } = await connectedPair(ssl);
    await client.close();
    for (const call of [() => client.read(1), () => client.readinto(new Uint8Array(4)), () => client.readline(),
      () => client.write('x'), () => client.do_handshake()]) {
      expect(await failureOf(call)).toMatchObject({ type: 'OSError', code: 'EBADF' });
    }
    expect([client.version(), client.cipher(), client.getpeercert(), client.getpeercert(true), client.verify_result(),
      client.selected_alpn_protocol(), client.session()]).toEqual([null, null, null, null, null, null, null]);
    expect(client.pending()).toBe(0);
    await client.close();
    await client.close();
    await srv.close();
  });

  test('close while a read waits: the read settles (end of stream or EBADF), nothing hangs', async () => {
    const { client, server: srv } = await connectedPair(ssl);
    const pending = client.read(10).then((bytes) => ({ bytes }), (err) => ({ code: err.code }));
    await client.close();
    const settled = await bounded(pending);
    expect(settled.code === 'EBADF' || (settled.bytes && settled.bytes.length === 0)).toBe(true);
    await srv.close();
  });
});
