// Transport faults through both wasm builds and the public API, against a real openssl s_server
// behind a damaging TCP proxy (and host streams that misbehave on purpose). Each fault must end
// in an OSError with a clear code and errno within a bounded time, never a hang or a crash; the
// connection's memory must be given back, and the same wasm instance must serve a new
// connection afterwards.
import net from 'node:net';
import { certDir } from '../support/paths.js';
import { RUNTIMES, loadSsl, clientOptions, text } from '../support/ssl.js';
import { startProcess } from '../support/peers/process.js';
import { startFaultProxy, truncated } from './support/fault-proxy.js';
import { oneBytePerRead, switchableWrites } from './support/shaped-streams.js';

const BOUND_MS = 5000; // far above any real answer here; only a hang reaches it
const CONN_EOF = { code: 'MBEDTLS_ERR_SSL_CONN_EOF', errno: -0x7280 };
const ECONNRESET = { code: 'ECONNRESET', errno: 104 };
const EPIPE = { code: 'EPIPE', errno: 32 };
const INVALID_RECORD = { code: 'MBEDTLS_ERR_SSL_INVALID_RECORD', errno: -0x7200 };
const INVALID_MAC = { code: 'MBEDTLS_ERR_SSL_INVALID_MAC', errno: -0x7180 };

const record = (type, length, body = 64) => Buffer.concat([Buffer.from([type, 3, 3, length >> 8, length & 255]),
  Buffer.alloc(body, 0xa5)]);

/** Settles with what promise settles with, or rejects as a hang after BOUND_MS. */
function bounded(promise) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${BOUND_MS} ms: a hang`)), BOUND_MS);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

// One openssl s_server per version (-rev: answers each line reversed), each behind a proxy.
const peers = {};
beforeAll(async () => {
  await Promise.all(['1.2', '1.3'].map(async (version) => {
    const proc = startProcess('openssl', ['s_server', '-accept', '127.0.0.1:0', '-rev', '-ign_eof',
      version === '1.2' ? '-tls1_2' : '-tls1_3', '-cert', `${certDir}/server.crt`, '-key', `${certDir}/server.key`]);
    const port = Number((await proc.waitFor(/ACCEPT \S+:(\d+)\r?\n/))[1]);
    peers[version] = { proc, port, proxy: await startFaultProxy(port) };
  }));
});
afterAll(() => Promise.all(Object.values(peers).map(async (p) => { await p.proxy.stop(); await p.proc.stop(); })));

describe.each(RUNTIMES)('%s build', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });
  const heapInUse = () => ssl.engine.exports.wssl_heap_stats(0);

  describe.each(['1.2', '1.3'])('TLS %s', (version) => {
    const peer = () => peers[version];
    const viaProxy = () => net.connect(peer().proxy.port, '127.0.0.1');
    const direct = () => net.connect(peer().port, '127.0.0.1');
    const wrap = (sock) => ssl.wrap_socket(sock, clientOptions(ssl));

    async function expectOSError(promise, expected) {
      const err = await bounded(promise.then(() => new Error('no error: the fault went unnoticed'), (e) => e));
      expect(err).toBeInstanceOf(ssl.OSError);
      expect({ code: err.code, errno: err.errno }).toEqual(expected);
      return err;
    }

    let baseline;
    beforeEach(async () => {
      const s = await wrap(direct()); // warm up: first-use allocations are not the case's
      await s.close();
      baseline = heapInUse();
    });

    // After every case: the failed connection gave back all its memory, and the same instance
    // still connects and exchanges data.
    afterEach(async () => {
      expect(heapInUse()).toBe(baseline);
      const s = await bounded(wrap(direct()));
      await s.write('still here\n');
      expect(text(await bounded(s.readline()))).toBe('ereh llits\n');
      await s.close();
    });

    test('EOF in the middle of the handshake: MBEDTLS_ERR_SSL_CONN_EOF', async () => {
      peer().proxy.damageFirstFlight(truncated(50, (link) => link.end()));
      await expectOSError(wrap(viaProxy()), CONN_EOF);
    });

    test('reset in the middle of the handshake: ECONNRESET', async () => {
      peer().proxy.damageFirstFlight(truncated(50, (link) => link.reset()));
      await expectOSError(wrap(viaProxy()), ECONNRESET);
    });

    test('garbage instead of the handshake (a plain HTTP answer): MBEDTLS_ERR_SSL_INVALID_RECORD', async () => {
      peer().proxy.damageFirstFlight((chunk, link) => link.inject('HTTP/1.1 400 Bad Request\r\n\r\n'));
      await expectOSError(wrap(viaProxy()), INVALID_RECORD);
    });

    test('an oversized record in the handshake (length 0x4801): MBEDTLS_ERR_SSL_INVALID_RECORD', async () => {
      peer().proxy.damageFirstFlight((chunk, link) => link.inject(record(22, 0x4801)));
      await expectOSError(wrap(viaProxy()), INVALID_RECORD);
    });

    test('a write that fails in the handshake: EPIPE', async () => {
      const stream = switchableWrites(direct());
      stream.failWith(32);
      await expectOSError(wrap(stream), EPIPE);
    });

    /**
     * fn(s, link) on a connection through the proxy after its handshake and one round trip (so
     * that everything the server sent before, TLS 1.3 tickets included, has been taken in and
     * the fault cannot land inside it); closed whatever happens.
     */
    async function established(fn, sock = viaProxy()) {
      const s = await bounded(wrap(sock));
      try {
        await s.write('sync\n');
        expect(text(await bounded(s.readline()))).toBe('cnys\n');
        await fn(s, peer().proxy.current());
      } finally {
        await s.close();
      }
    }

    test('EOF in the middle of a record after the handshake: MBEDTLS_ERR_SSL_CONN_EOF', () => established(async (s, link) => {
      link.damage = truncated(20, (l) => l.end());
      await s.write(`${'x'.repeat(4000)}\n`);
      await expectOSError(s.read(), CONN_EOF);
    }));

    test('garbage after the handshake (a record that does not decrypt): MBEDTLS_ERR_SSL_INVALID_MAC', () => established(async (s, link) => {
      link.inject(record(23, 64));
      await expectOSError(s.read(), INVALID_MAC);
    }));

    test('an oversized record after the handshake (length 0xffff): MBEDTLS_ERR_SSL_INVALID_RECORD', () => established(async (s, link) => {
      link.inject(record(23, 0xffff));
      await expectOSError(s.read(), INVALID_RECORD);
    }));

    test('the peer resets the connection after the handshake: ECONNRESET', () => established(async (s, link) => {
      link.reset();
      await expectOSError(s.read(), ECONNRESET);
    }));

    test('a write that fails after the handshake: EPIPE, and the connection stays failed', async () => {
      const stream = switchableWrites(direct());
      await established(async (s) => {
        stream.failWith(32);
        await expectOSError(s.write('lost\n'), EPIPE);
        await expectOSError(s.read(), EPIPE);
      }, stream);
    });

    test('one byte per read: the handshake and the data still arrive whole', () => established(async (s) => {
      const line = 'one byte at a time '.repeat(200);
      await s.write(`${line}\n`);
      expect(text(await bounded(s.readline()))).toBe(`${[...line].reverse().join('')}\n`);
    }, oneBytePerRead(direct())));

    test('one byte per read, then EOF in the middle of a record: MBEDTLS_ERR_SSL_CONN_EOF', () => established(async (s, link) => {
      link.damage = truncated(20, (l) => l.end());
      await s.write(`${'y'.repeat(4000)}\n`);
      await expectOSError(s.read(), CONN_EOF);
    }, oneBytePerRead(viaProxy())));
  });
});
