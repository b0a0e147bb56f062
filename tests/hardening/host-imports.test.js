// A host that breaks the import contract, both builds. stream_read / stream_write may return a
// count up to what was asked, 0, WOULD_BLOCK or -errno (-1..-255); anything else is the host's
// bug and must end the connection with OSError EIO, never pass for something the peer did (a
// non-errno negative such as -0x7880 is mbedtls' "close_notify received") and never trap.
// And the raw exports: in wasm a pointer/length pair (or a string) outside linear memory is
// -EINVAL, not a trap.
import { instantiateEngine } from '../../js/src/engine/index.js';
import { handshakePair } from '../support/raw-engine.js';
import { RUNTIMES, loadSsl, clientOptions, serverOptions, text } from '../support/ssl.js';

const EIO = { name: 'OSError', errno: 5, code: 'EIO' };
const EINVAL = -22;
const PEER_CLOSE_NOTIFY = -0x7880;

/** A host stream over `inner` whose read or write answers with fault(len) once armed. */
function faulty(inner) {
  const s = {
    readFault: null,
    writeFault: null,
    read: (buf) => (s.readFault ? s.readFault(buf.length) : inner.read(buf)),
    write: (buf) => (s.writeFault ? s.writeFault(buf.length) : inner.write(buf)),
    close: () => inner.close(),
    whenReady: (direction) => inner.whenReady(direction),
  };
  return s;
}

describe.each(RUNTIMES)('%s build: host imports that misbehave', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });

  async function established() {
    const [a, b] = ssl.memoryPair();
    const stream = faulty(a);
    const [client, server] = await Promise.all([
      ssl.wrap_socket(stream, clientOptions(ssl)), ssl.wrap_socket(b, serverOptions())]);
    return { stream, client, server };
  }

  test.each([
    ['a non-errno negative (-0x7880, mbedtls close_notify)', () => PEER_CLOSE_NOTIFY],
    ['a negative below the errno range (-256)', () => -256],
    ['a count one above what was asked', (len) => len + 1],
    ['a count far above what was asked', () => 0x7fffffff],
  ])('read returning %s is OSError EIO, not an end of stream', async (_, fault) => {
    const { stream, client, server } = await established();
    stream.readFault = fault;
    await expect(client.read()).rejects.toMatchObject(EIO);
    stream.readFault = null;
    await expect(client.read()).rejects.toMatchObject(EIO); // failed for good
    await client.close();
    await server.close();
  });

  test('a read fault during the handshake is OSError EIO', async () => {
    const [a, b] = ssl.memoryPair();
    const stream = faulty(a);
    stream.readFault = () => PEER_CLOSE_NOTIFY;
    const server = ssl.wrap_socket(b, serverOptions()).catch(() => null);
    await expect(ssl.wrap_socket(stream, clientOptions(ssl))).rejects.toMatchObject(EIO);
    b.close();
    await server;
  });

  test('write returning a non-errno negative is OSError EIO', async () => {
    const { stream, client, server } = await established();
    stream.writeFault = () => PEER_CLOSE_NOTIFY;
    await expect(client.write('lost\n')).rejects.toMatchObject(EIO);
    stream.writeFault = null;
    await client.close();
    await server.close();
  });

  test('a real errno still passes through unchanged', async () => {
    const { stream, client, server } = await established();
    stream.readFault = () => -104;
    await expect(client.read()).rejects.toMatchObject({ name: 'OSError', errno: 104, code: 'ECONNRESET' });
    await client.close();
    await server.close();
  });

  test('after a broken host the instance serves a new connection', async () => {
    const { client, server } = await established();
    await client.write('still here\n');
    expect(text(await server.readline())).toBe('still here\n');
    await client.close();
    await server.close();
  });
});

describe.each(RUNTIMES)('%s build: raw exports given memory outside the module', (runtime) => {
  let engine, x, pair, ccfg, memSize;
  beforeAll(async () => {
    engine = await instantiateEngine({ runtime });
    x = engine.exports;
  });
  beforeEach(() => {
    pair = handshakePair(engine);
    ccfg = x.wssl_config_new(0);
    memSize = x.memory.buffer.byteLength;
  });
  afterEach(() => {
    pair.free();
    x.wssl_config_free(ccfg);
  });

  // [start, length] pairs that reach past the end of linear memory, or wrap around 2^32.
  const outside = () => [[memSize, 1], [memSize - 4, 16], [memSize + 4096, 0], [0xfffffff0, 0x20], [0x7fffff00, 0x7fffffff]];

  test('each export taking a pointer and a length says EINVAL instead of trapping', () => {
    const ok = engine.withBytes(new Uint8Array(64), (p) => p);
    for (const [p, n] of outside()) {
      expect([p, n, x.wssl_config_add_ca(ccfg, p, n)]).toEqual([p, n, EINVAL]);
      expect([p, n, x.wssl_config_set_own_cert(ccfg, p, n, ok, 1)]).toEqual([p, n, EINVAL]);
      expect([p, n, x.wssl_config_set_own_cert(ccfg, ok, 1, p, n)]).toEqual([p, n, EINVAL]);
      expect([p, n, x.wssl_config_set_psk(ccfg, p, n, ok, 16)]).toEqual([p, n, EINVAL]);
      expect([p, n, x.wssl_config_set_psk(ccfg, ok, 4, p, n)]).toEqual([p, n, EINVAL]);
      expect([p, n, x.wssl_read(pair.client.handle, p, n)]).toEqual([p, n, EINVAL]);
      expect([p, n, x.wssl_write(pair.client.handle, p, n)]).toEqual([p, n, EINVAL]);
      expect([p, n, x.wssl_session_save(pair.client.handle, p, n)]).toEqual([p, n, EINVAL]);
      expect([p, n, x.wssl_session_load(pair.client.handle, p, n)]).toEqual([p, n, EINVAL]);
    }
  });

  test('strings that start outside memory, or run to its end without a NUL, are EINVAL', () => {
    // A string with no NUL before the end of memory: fill the last bytes of memory.
    const last = memSize - 8;
    const kept = engine.heap.slice(last, memSize);
    engine.heap.fill(0x41, last, memSize);
    for (const p of [memSize, memSize + 100, 0xffffff00, last]) {
      expect([p, x.wssl_config_set_ciphers(ccfg, p)]).toEqual([p, EINVAL]);
      expect([p, x.wssl_config_set_alpn(ccfg, p)]).toEqual([p, EINVAL]);
      expect([p, x.wssl_conn_new(ccfg, 1, p)]).toEqual([p, EINVAL]);
      expect([p, x.wssl_verify_info(pair.client.handle, p)]).toEqual([p, 0]);
    }
    engine.heap.set(kept, last);
  });

  test('the same exports with pairs inside memory still work', () => {
    const got = engine.withBytes(new Uint8Array(16), (p, n) => x.wssl_write(pair.client.handle, p, n));
    expect(got).toBe(16);
  });
});
