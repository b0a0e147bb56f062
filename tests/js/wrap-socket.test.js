// wrap_socket between a wasm client and a wasm server over the in-memory pair: the seed's
// stream interface, its options and errors, on both builds.
import { certFile } from '../support/paths.js';
import { RUNTIMES, loadSsl, connectedPair, clientOptions, serverOptions, text, sameBytes } from '../support/ssl.js';

describe.each(RUNTIMES)('wrap_socket (%s build)', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });

  test('the module has the seed constants, error types and the mbedtls version', () => {
    expect([ssl.CERT_NONE, ssl.CERT_OPTIONAL, ssl.CERT_REQUIRED]).toEqual([0, 1, 2]);
    expect(new ssl.OSError(-1, 'X', 'y')).toBeInstanceOf(Error);
    expect(ssl.MBEDTLS_VERSION).toBe('Mbed TLS 3.6.6');
    expect(ssl.runtime).toBe(runtime);
  });

  test('a verified handshake, then data both ways, then close_notify is end of stream', async () => {
    const { client, server } = await connectedPair(ssl);
    expect(client.version()).toBe('TLSv1.3');
    expect(client.cipher()).toMatch(/^TLS1-3-/);
    expect(client.verify_result()).toEqual({ verified: true, flags: 0, errors: [] });
    expect(server.verify_result()).toBeNull(); // the server did not ask for a certificate
    const peer = client.getpeercert();
    expect(peer.subject).toBe('CN=localhost');
    expect(peer.issuer).toBe('CN=wasm-ssl Test CA');
    expect(peer.subject_alt_names).toEqual(expect.arrayContaining(['localhost', '127.0.0.1']));
    expect(client.getpeercert(true)).toEqual(certFile('server.der'));

    expect(await client.write('ping')).toBe(4);
    expect(text(await server.read(100))).toBe('ping');
    expect(await server.write(new Uint8Array([1, 2, 3]))).toBe(3);
    const into = new Uint8Array(8);
    expect(await client.readinto(into)).toBe(3);
    expect(Array.from(into.subarray(0, 3))).toEqual([1, 2, 3]);

    await client.close();
    expect((await server.read(10)).length).toBe(0);
    await server.close();
  });

  test('readline returns whole lines and keeps what follows for the next read', async () => {
    const { client, server } = await connectedPair(ssl);
    await client.write('first line\nsecond');
    await client.write(' line\ntail');
    expect(text(await server.readline())).toBe('first line\n');
    expect(text(await server.readline())).toBe('second line\n');
    expect(text(await server.read(2))).toBe('ta');
    await client.close();
    expect(text(await server.readline())).toBe('il');
    expect((await server.readline()).length).toBe(0);
    await server.close();
  });

  test('read() with no size reads to the end of stream', async () => {
    const { client, server } = await connectedPair(ssl);
    const payload = new Uint8Array(100000).map((_, i) => i % 251);
    await Promise.all([client.write(payload).then(() => client.close()),
      server.read().then((all) => expect(sameBytes(all, payload)).toBe(true))]);
    await server.close();
  });

  test('a write larger than the pair holds is sent whole (backpressure) and arrives byte-exact', async () => {
    const { client, server } = await connectedPair(ssl, {}, {}, { capacity: 4096 });
    const payload = new Uint8Array(1 << 20);
    for (let i = 0; i < payload.length; i += 4096) payload[i] = i >> 12;
    const [written, received] = await Promise.all([
      client.write(payload).then(async (n) => { await client.close(); return n; }),
      server.read(),
    ]);
    expect(written).toBe(payload.length);
    expect(sameBytes(received, payload)).toBe(true);
    await server.close();
  });

  test('reading or writing after close is OSError EBADF; closing twice is harmless', async () => {
    const { client, server } = await connectedPair(ssl);
    await client.close();
    await client.close();
    await expect(client.read(1)).rejects.toMatchObject({ name: 'OSError', errno: 9, code: 'EBADF' });
    await expect(client.write('x')).rejects.toBeInstanceOf(ssl.OSError);
    await server.close();
  });

  test('do_handshake: false settles at once and the first write completes the handshake', async () => {
    const [a, b] = ssl.memoryPair();
    const client = await ssl.wrap_socket(a, clientOptions(ssl, { do_handshake: false }));
    expect(client.version()).toBeNull();
    expect(client.verify_result()).toBeNull(); // nothing checked yet
    const serverReady = ssl.wrap_socket(b, serverOptions());
    await client.write('deferred');
    const server = await serverReady;
    expect(text(await server.read(100))).toBe('deferred');
    expect(client.version()).toBe('TLSv1.3');
    expect(client.verify_result().verified).toBe(true);
    await client.close();
    await server.close();
  });
});
