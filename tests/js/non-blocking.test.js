// Non-blocking mode (setblocking(false)): every operation settles at once, with null where
// MicroPython returns None; a deferred handshake advances one step per call.
import { RUNTIMES, loadSsl, connectedPair, clientOptions, serverOptions, text } from '../support/ssl.js';

/** Calls op until it gives something other than null, letting the other side run between tries. */
async function untilNotNull(op, tries = 200) {
  for (let i = 0; i < tries; i++) {
    const r = await op();
    if (r !== null) return r;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('still null after all tries');
}

describe.each(RUNTIMES)('non-blocking mode (%s build)', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });

  test('read, readinto and readline give null when nothing has arrived, then the data', async () => {
    const { client, server } = await connectedPair(ssl);
    server.setblocking(false);
    expect(server.getblocking()).toBe(false);
    expect(await server.read(10)).toBeNull();
    expect(await server.readinto(new Uint8Array(4))).toBeNull();
    expect(await server.readline()).toBeNull();
    await client.write('line one\npart');
    expect(text(await untilNotNull(() => server.readline()))).toBe('line one\n');
    // A partial line comes back as it is, as MicroPython's readline does.
    expect(text(await server.readline())).toBe('part');
    expect(await server.readline()).toBeNull();
    await client.close();
    expect((await untilNotNull(() => server.read(10))).length).toBe(0);
    await server.close();
  });

  test('write gives null while the transport is full; offering the same bytes again completes it', async () => {
    const { client, server } = await connectedPair(ssl, {}, {}, { capacity: 8192 });
    client.setblocking(false);
    server.setblocking(false);
    const payload = new Uint8Array(200 * 1024).map((_, i) => i % 253);
    const received = [];
    let sent = 0, nulls = 0, length = 0;
    for (let i = 0; i < 10000 && length < payload.length; i++) {
      if (sent < payload.length) {
        const n = await client.write(payload.subarray(sent));
        if (n === null) nulls++; else sent += n;
      }
      const chunk = await server.read(65536);
      if (chunk) { received.push(chunk); length += chunk.length; }
    }
    expect(nulls).toBeGreaterThan(0); // 8 KiB cannot hold a 16 KiB record
    expect(sent).toBe(payload.length);
    expect(Buffer.concat(received).equals(Buffer.from(payload))).toBe(true);
    await client.close();
    await server.close();
  });

  test('a deferred handshake advances without blocking, one call at a time', async () => {
    const [a, b] = ssl.memoryPair();
    const client = await ssl.wrap_socket(a, clientOptions(ssl, { do_handshake: false }));
    const server = await ssl.wrap_socket(b, serverOptions({ do_handshake: false }));
    client.setblocking(false);
    server.setblocking(false);
    let steps = 0;
    let clientDone = false, serverDone = false;
    while (!(clientDone && serverDone) && steps < 50) {
      steps++;
      if (!clientDone) clientDone = (await client.do_handshake()) !== null;
      if (!serverDone) serverDone = (await server.read(1)) !== null || server.version() !== null;
    }
    expect(steps).toBeGreaterThan(1); // it took several non-blocking steps
    expect(steps).toBeLessThan(50);
    expect(client.version()).toBe('TLSv1.3');
    await client.write('after');
    expect(text(await untilNotNull(() => server.read(10)))).toBe('after');
    await client.close();
    await server.close();
  });
});
