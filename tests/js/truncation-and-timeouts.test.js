// What an attacker or a dead peer can do to a connection's end, and what the socket says:
// a transport end without close_notify (truncation) against suppress_ragged_eofs, the
// `timeout` option against a server that never answers, verify_callback refused under
// CERT_NONE, and transport failures that are not errnos.
import net from 'node:net';
import tls from 'node:tls';
import { certFile } from '../support/paths.js';
import { startOpenSslServer } from '../support/openssl-server.js';
import { RUNTIMES, loadSsl, clientOptions, serverOptions, connectedPair, text } from '../support/ssl.js';

const pem = (name) => Buffer.from(certFile(name));
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const closeServer = (server) => new Promise((resolve) => server.close(() => resolve()));

/**
 * A Node TLS server on loopback that writes `reply` and then ends the TCP connection under the
 * TLS one: a FIN without close_notify, as a truncation attack looks on the wire.
 */
async function truncatingTlsServer(reply) {
  const tcp = [];
  const server = tls.createServer({ key: pem('server.key'), cert: pem('server.crt') }, (s) => {
    s.on('error', () => {});
    s.write(reply, () => tcp.forEach((t) => t.end()));
  });
  server.on('connection', (t) => { tcp.push(t); t.on('error', () => {}); });
  const port = await listen(server);
  return { port, close: () => closeServer(server) };
}

async function connectTcp(port) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  return socket;
}

describe.each(RUNTIMES)('%s build: truncation, timeouts, refusals', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });

  // A wasm server whose transport is cut after it wrote `reply` (no close_notify), or that
  // closes properly; the client reads to the end.
  async function endAfterReply(clientExtra, { ragged }) {
    const [a, b] = ssl.memoryPair();
    const [client, server] = await Promise.all([
      ssl.wrap_socket(a, clientOptions(ssl, clientExtra)), ssl.wrap_socket(b, serverOptions())]);
    await server.write('first half of the reply');
    if (ragged) b.close(); else await server.close();
    return client;
  }

  test('a transport end without close_notify reads as the end by default, and the socket says so', async () => {
    const client = await endAfterReply({}, { ragged: true });
    expect(text(await client.read())).toBe('first half of the reply');
    expect(client.close_notify_received()).toBe(false);
    await client.close();
    expect(client.close_notify_received()).toBe(false);

    const clean = await endAfterReply({}, { ragged: false });
    expect(text(await clean.read())).toBe('first half of the reply');
    expect(clean.close_notify_received()).toBe(true);
    await clean.close();
    expect(clean.close_notify_received()).toBe(true);
  });

  test('with suppress_ragged_eofs: false a truncated stream is OSError(MBEDTLS_ERR_SSL_CONN_EOF)', async () => {
    const client = await endAfterReply({ suppress_ragged_eofs: false }, { ragged: true });
    expect(text(await client.read(100))).toBe('first half of the reply');
    await expect(client.read(100)).rejects.toMatchObject({ name: 'OSError', errno: -0x7280, code: 'MBEDTLS_ERR_SSL_CONN_EOF' });
    await client.close();
    // every read form
    for (const read of [(s) => s.read(), (s) => s.readline(), (s) => s.readinto(new Uint8Array(100)).then(() => s.readinto(new Uint8Array(100)))]) {
      const s = await endAfterReply({ suppress_ragged_eofs: false }, { ragged: true });
      await expect(read(s)).rejects.toMatchObject({ code: 'MBEDTLS_ERR_SSL_CONN_EOF' });
      await s.close();
    }
    // a proper close stays a clean end under the strict setting
    const clean = await endAfterReply({ suppress_ragged_eofs: false }, { ragged: false });
    expect(text(await clean.read())).toBe('first half of the reply');
    expect((await clean.read(10)).length).toBe(0);
    await clean.close();
  });

  test('over real TCP: a Node TLS server cut off after half a reply; openssl s_server -www closes properly', async () => {
    const cut = await truncatingTlsServer('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nhalf');
    const s = await ssl.wrap_socket(await connectTcp(cut.port), clientOptions(ssl, { suppress_ragged_eofs: false }));
    const got = [];
    const err = await (async () => { for (;;) { const c = await s.read(100); if (!c.length) return null; got.push(text(c)); } })().catch((e) => e);
    expect(got.join('')).toContain('half');
    expect(err).toMatchObject({ name: 'OSError', code: 'MBEDTLS_ERR_SSL_CONN_EOF' });
    expect(s.close_notify_received()).toBe(false);
    await s.close();
    await cut.close();

    const www = await startOpenSslServer({ args: ['-www'] });
    const p = await ssl.wrap_socket(await connectTcp(www.port), clientOptions(ssl, { suppress_ragged_eofs: false }));
    await p.write('GET / HTTP/1.0\r\n\r\n');
    expect(text(await p.read())).toMatch(/^HTTP\/1.0 200 ok/);
    expect(p.close_notify_received()).toBe(true);
    await p.close();
    await www.stop();
  });

  test('the Duplex view emits error on a truncated stream when strict, and ends cleanly otherwise', async () => {
    const strict = (await endAfterReply({ suppress_ragged_eofs: false }, { ragged: true })).duplex();
    const chunks = [];
    const outcome = await new Promise((resolve) => {
      strict.on('data', (c) => chunks.push(c));
      strict.on('error', (e) => resolve(e));
      strict.on('end', () => resolve('end'));
    });
    expect(Buffer.concat(chunks).toString()).toBe('first half of the reply');
    expect(outcome).toMatchObject({ code: 'MBEDTLS_ERR_SSL_CONN_EOF' });

    const lenient = (await endAfterReply({}, { ragged: true })).duplex();
    const end = await new Promise((resolve) => {
      lenient.on('data', () => {});
      lenient.on('error', (e) => resolve(e));
      lenient.on('end', () => resolve('end'));
    });
    expect(end).toBe('end');
  });

  test('timeout: a server that accepts and never answers fails the handshake with ETIMEDOUT and the socket is closed', async () => {
    const peers = [];
    const silent = net.createServer((c) => { peers.push(c); c.on('error', () => {}); });
    const port = await listen(silent);
    const socket = await connectTcp(port);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const err = await ssl.wrap_socket(socket, clientOptions(ssl, { timeout: 150 })).catch((e) => e);
    expect(err).toMatchObject({ name: 'OSError', errno: 110, code: 'ETIMEDOUT' });
    await closed; // the transport was closed
    peers.forEach((c) => c.destroy());
    await closeServer(silent);
  });

  test('timeout: a read that gets nothing fails with ETIMEDOUT, and so does everything after it', async () => {
    const { client, server } = await connectedPair(ssl, { timeout: 100 });
    await expect(client.read(10)).rejects.toMatchObject({ name: 'OSError', errno: 110, code: 'ETIMEDOUT' });
    await expect(client.write('late')).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await expect(client.read(10)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await client.close();
    await server.close();
  });

  test('timeout: an answer in time is not a timeout; the limit is per operation, not per connection', async () => {
    const { client, server } = await connectedPair(ssl, { timeout: 400 });
    for (let i = 0; i < 4; i++) {
      setTimeout(() => server.write(`tick ${i}`), 150);
      expect(text(await client.read(10))).toBe(`tick ${i}`); // 4 × 150 ms > 400 ms in all
    }
    await client.close();
    await server.close();
  });

  test('timeout must be a positive number of milliseconds', async () => {
    for (const timeout of [0, -1, '100', Infinity, NaN]) {
      await expect(ssl.wrap_socket(ssl.memoryPair()[0], { timeout, do_handshake: false })).rejects.toThrow(RangeError);
    }
  });

  test('verify_callback under CERT_NONE is a TypeError up front (it would never run)', async () => {
    const [a] = ssl.memoryPair();
    await expect(ssl.wrap_socket(a, { verify_callback: () => 0 })).rejects.toThrow(/CERT_OPTIONAL or CERT_REQUIRED/);
    await expect(ssl.wrap_socket(a, { verify_callback: () => 0, cert_reqs: ssl.CERT_NONE })).rejects.toThrow(TypeError);
    expect(a.write(new Uint8Array(1))).toBe(1); // nothing was sent: the transport is untouched
    // CERT_OPTIONAL runs it
    let calls = 0;
    const { client } = await connectedPair(ssl, { cert_reqs: ssl.CERT_OPTIONAL, verify_callback: () => { calls++; return 0; } });
    expect(calls).toBe(2);
    await client.close();
  });

  test('a transport failure that is no errno (or is EAGAIN) reaches the caller as EIO, never as a stall', async () => {
    for (const bogus of [0x7880, 11, -5, 1.5, 100000]) {
      const { client, server } = await connectedPair(ssl);
      client.transport._fail(bogus);
      await expect(client.read(10)).rejects.toMatchObject({ name: 'OSError', errno: 5, code: 'EIO' });
      await client.close();
      await server.close();
    }
  });
});
