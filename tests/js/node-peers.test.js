// The package against Node's own TLS (native OpenSSL) on loopback: a Node tls client to a wasm
// server that asks for and verifies a client certificate; https.request through the Duplex
// view with 16 MiB each way; pipe(); 100 concurrent connections in one wasm instance.
import { createHash, randomBytes } from 'node:crypto';
import https from 'node:https';
import net from 'node:net';
import { pipeline } from 'node:stream/promises';
import { PassThrough, Readable } from 'node:stream';
import tls from 'node:tls';
import { WebSocket } from 'ws';
import { startBridge } from '../../js/src/bridge/index.js';
import { certFile } from '../support/paths.js';
import { RUNTIMES, loadSsl, clientOptions, serverOptions, text } from '../support/ssl.js';

const pem = (name) => Buffer.from(certFile(name));
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** A loopback server; resolves to its port once listening. */
function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}
const closeServer = (server) => new Promise((resolve) => server.close(() => resolve()));

/** A Node tls client that sends `send`, then settles once closed with what it read and its error. */
function nodeTlsClient(port, options, send) {
  return new Promise((resolve) => {
    const chunks = [];
    let error;
    const client = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: pem('ca.crt'), ...options }, () => {
      client.end(send);
    });
    client.on('data', (c) => chunks.push(c));
    client.on('error', (e) => { error = e; });
    client.on('close', () => resolve(error ? { error } : { data: Buffer.concat(chunks).toString() }));
  });
}

describe.each(RUNTIMES)('%s build with Node TLS peers', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });

  test('a net.Socket is switched to no-delay, so a small record is never held back for an ACK', async () => {
    const server = net.createServer((c) => c.on('error', () => {}));
    const port = await listen(server);
    const socket = net.connect(port, '127.0.0.1');
    const calls = [];
    const setNoDelay = socket.setNoDelay.bind(socket);
    socket.setNoDelay = (flag) => { calls.push(flag); return setNoDelay(flag); };
    const s = await ssl.wrap_socket(socket, { do_handshake: false });
    expect(calls).toEqual([true]);
    socket.destroy();
    await s.close().catch(() => {});
    await closeServer(server);
  });

  describe('a wasm server over net sockets, client certificate required', () => {
    let server, port;
    const accepted = [];
    beforeAll(async () => {
      server = net.createServer((sock) => {
        const handled = ssl.wrap_socket(sock, serverOptions({ cert_reqs: ssl.CERT_REQUIRED, cadata: certFile('ca.crt') }))
          .then(async (s) => {
            const line = await s.readline();
            const peer = s.getpeercert();
            await s.write(`${peer.subject} said ${text(line)}`);
            const result = { version: s.version(), verify: s.verify_result(), peer };
            await s.close();
            return result;
          });
        handled.catch(() => {}); // each test awaits its own
        accepted.push(handled);
      });
      port = await listen(server);
    });
    afterAll(() => closeServer(server));

    test.each(['TLSv1.2', 'TLSv1.3'])('Node %s client with a certificate signed by the trusted CA', async (version) => {
      const before = accepted.length;
      const got = await nodeTlsClient(port, { cert: pem('client.crt'), key: pem('client.key'),
        minVersion: version, maxVersion: version }, 'hello\n');
      expect(got).toEqual({ data: 'CN=wasm-ssl test client said hello\n' });
      const seen = await accepted[before];
      expect(seen.version).toBe(version);
      expect(seen.verify).toEqual({ verified: true, flags: 0, errors: [] });
      expect(seen.peer.issuer).toBe('CN=wasm-ssl Test CA');
    });

    test('a client without a certificate is refused with OSError on the server side', async () => {
      const before = accepted.length;
      const got = await nodeTlsClient(port, { maxVersion: 'TLSv1.2' }, 'hello\n');
      expect(got.error).toBeDefined();
      const err = await accepted[before].catch((e) => e);
      expect(err).toBeInstanceOf(ssl.OSError);
      expect(err.code).toBe('MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE');
    });

    test('a client certificate from an untrusted CA is refused, the reason named', async () => {
      const before = accepted.length;
      const got = await nodeTlsClient(port, { cert: pem('untrusted.crt'), key: pem('untrusted.key') }, 'hello\n');
      expect(got.error).toBeDefined();
      const err = await accepted[before].catch((e) => e);
      expect(err).toBeInstanceOf(ssl.OSError);
      expect(err.verifyErrors).toContain('The certificate is not correctly signed by the trusted CA');
    });
  });

  describe('https.request through the Duplex view', () => {
    let server, port;
    const SIZE = 16 << 20;
    const response = randomBytes(SIZE);
    beforeAll(async () => {
      server = https.createServer({ key: pem('server.key'), cert: pem('server.crt') }, (req, res) => {
        const hash = createHash('sha256');
        let length = 0;
        req.on('data', (c) => { hash.update(c); length += c.length; });
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-received': `${length} ${hash.digest('hex')}` });
          res.end(response);
        });
      });
      port = await listen(server);
    });
    afterAll(() => closeServer(server));

    const createConnection = (options, callback) => {
      ssl.wrap_socket(net.connect(port, '127.0.0.1'), clientOptions(ssl))
        .then((s) => callback(null, s.duplex()), callback);
    };

    test('16 MiB up and 16 MiB down, byte-exact', async () => {
      const body = randomBytes(SIZE);
      const res = await new Promise((resolve, reject) => {
        const req = https.request({ host: 'localhost', port, method: 'POST', path: '/', createConnection,
          headers: { 'content-length': SIZE } }, resolve);
        req.on('error', reject);
        req.end(body);
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-received']).toBe(`${SIZE} ${sha256(body)}`);
      const hash = createHash('sha256');
      let length = 0;
      for await (const chunk of res) { hash.update(chunk); length += chunk.length; }
      expect(length).toBe(SIZE);
      expect(hash.digest('hex')).toBe(sha256(response));
    }, 60000);
  });

  test('pipe(): bytes piped into the Duplex view come back from a Node TLS echo server', async () => {
    const echo = tls.createServer({ key: pem('server.key'), cert: pem('server.crt') }, (s) => s.pipe(s));
    const port = await listen(echo);
    try {
      const s = await ssl.wrap_socket(net.connect(port, '127.0.0.1'), clientOptions(ssl));
      const duplex = s.duplex();
      const payload = randomBytes(300000);
      const received = [];
      let length = 0;
      const sink = new PassThrough();
      sink.on('data', (c) => {
        received.push(c);
        length += c.length;
        if (length >= payload.length) duplex.destroy(); // the echo never ends by itself
      });
      Readable.from([payload.subarray(0, 100000), payload.subarray(100000)]).pipe(duplex, { end: false });
      await pipeline(duplex, sink).catch(() => {});
      expect(sha256(Buffer.concat(received))).toBe(sha256(payload));
    } finally {
      await closeServer(echo);
    }
  });

  test('a non-blocking read that meets a TLS 1.3 session ticket leaves the connection usable', async () => {
    // Node sends two NewSessionTickets after the handshake; mbedtls asks for a second call to
    // process each. Neither the read nor a following write may fail because of them.
    const echo = tls.createServer({ key: pem('server.key'), cert: pem('server.crt') }, (s) => s.pipe(s));
    const port = await listen(echo);
    try {
      const s = await ssl.wrap_socket(net.connect(port, '127.0.0.1'), clientOptions(ssl));
      await s.transport.whenReady('read'); // the tickets are here
      s.setblocking(false);
      expect(await s.read(10)).toBeNull();
      expect(await s.write('x')).toBe(1);
      s.setblocking(true);
      expect(text(await s.read(10))).toBe('x');
      await s.close();
    } finally {
      await closeServer(echo);
    }
  });

  test('a large write while a read is waiting arrives exactly once', async () => {
    // Writes stall on the full socket while the read processes the server's session tickets;
    // that processing sends the stalled record, which must not then be sent again.
    const SIZE = 4 << 20;
    let reportCount;
    const counted = new Promise((resolve) => { reportCount = resolve; });
    const server = tls.createServer({ key: pem('server.key'), cert: pem('server.crt') }, (s) => {
      let n = 0;
      s.on('data', (d) => { n += d.length; });
      s.on('end', () => { s.end(); reportCount(n); });
      s.write('ready');
    });
    const port = await listen(server);
    try {
      const s = await ssl.wrap_socket(net.connect(port, '127.0.0.1'), clientOptions(ssl));
      const reading = s.read(5);
      expect(await s.write(new Uint8Array(SIZE))).toBe(SIZE);
      expect(text(await reading)).toBe('ready');
      await s.close();
      expect(await counted).toBe(SIZE);
    } finally {
      await closeServer(server);
    }
  }, 30000);

  describe('incoming backpressure: a reader that does not read pauses the transport', () => {
    const SIZE = 4 << 20;
    const payload = randomBytes(SIZE);
    let server, port, bridge;
    beforeAll(async () => {
      server = tls.createServer({ key: pem('server.key'), cert: pem('server.crt') }, (s) => s.end(payload));
      port = await listen(server);
      bridge = await startBridge({ allow: [`127.0.0.1:${port}`], log: () => {} });
    });
    afterAll(async () => {
      await bridge.close();
      await closeServer(server);
    });

    test.each([
      ['net.Socket', () => net.connect(port, '127.0.0.1'), (t) => t.socket.isPaused()],
      ['ws WebSocket', () => new WebSocket(bridge.url(`127.0.0.1:${port}`)), (t) => t.ws.isPaused],
    ])('%s', async (_name, connect, isPaused) => {
      const highWaterMark = 64 * 1024;
      const s = await ssl.wrap_socket(connect(), clientOptions(ssl, { highWaterMark }));
      // Not reading: the server's 4 MiB pile up only to the mark, then the source is paused.
      for (let i = 0; i < 200 && !isPaused(s.transport); i++) await new Promise((r) => setTimeout(r, 5));
      expect(isPaused(s.transport)).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
      expect(s.transport._inbox.length).toBeLessThan(highWaterMark + 256 * 1024); // one delivery past the mark at most
      const all = await s.read();
      expect(sha256(all)).toBe(sha256(payload));
      await s.close();
    });
  });

  test('100 concurrent connections in one instance, each with its own data', async () => {
    const echo = tls.createServer({ key: pem('server.key'), cert: pem('server.crt') }, (s) => s.pipe(s));
    const port = await listen(echo);
    try {
      const sockets = await Promise.all(Array.from({ length: 100 }, () =>
        ssl.wrap_socket(net.connect(port, '127.0.0.1'), clientOptions(ssl))));
      // All 100 are established before any data moves.
      expect(sockets.every((s) => s.version() === 'TLSv1.3')).toBe(true);
      const replies = await Promise.all(sockets.map(async (s, i) => {
        await s.write(`connection ${i}\n`);
        return text(await s.readline());
      }));
      expect(replies).toEqual(sockets.map((_, i) => `connection ${i}\n`));
      await Promise.all(sockets.map((s) => s.close()));
    } finally {
      await closeServer(echo);
    }
  }, 60000);
});
