// This package's Wisp client (WispSession) against the reference server, wisp-js: many
// verified TLS connections over one WebSocket, byte-exact; the server's refusals as errnos;
// a dead WebSocket failing every stream; and the client keeping to the server's credit.
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { WispSession } from '../../js/src/index.js';
import { RUNTIMES, loadSsl, clientOptions, sameBytes } from '../support/ssl.js';
import { tlsEchoServer, tcpServer, wispJsServer } from './support/peers.js';
import { within, sleep, writeAll, creditRecorder, sha256 } from './support/wire.js';

const CONNECTIONS = 50;
const BYTES_EACH_WAY = 64 * 1024;

/** Sends `payload` over a TLS socket to an echo server and reads it back whole. */
async function echoThrough(s, payload) {
  const writing = s.write(payload);
  const got = new Uint8Array(payload.length);
  let n = 0;
  while (n < payload.length) {
    const chunk = await s.read(payload.length - n);
    if (chunk.length === 0) throw new Error(`end of stream after ${n} bytes`);
    got.set(chunk, n);
    n += chunk.length;
  }
  await writing;
  return got;
}

describe.each(RUNTIMES)('%s build: WispSession over the wisp-js server', (runtime) => {
  let ssl, echo, wisp;
  beforeAll(async () => {
    ssl = await loadSsl(runtime);
    echo = await tlsEchoServer();
    wisp = await wispJsServer();
  });
  afterAll(async () => {
    await wisp.close();
    await echo.close();
  });

  test(`${CONNECTIONS} concurrent verified TLS connections over one WebSocket, ${BYTES_EACH_WAY / 1024} KiB each way, byte-exact`, async () => {
    const session = new WispSession(new WebSocket(wisp.url));
    try {
      const started = Date.now();
      const results = await within(60_000, Promise.all(Array.from({ length: CONNECTIONS }, async () => {
        const s = await ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl));
        const payload = randomBytes(BYTES_EACH_WAY);
        const back = await echoThrough(s, payload);
        await s.close();
        return sameBytes(back, payload);
      })), 'the echoes');
      const ms = Date.now() - started;
      expect(results).toEqual(Array(CONNECTIONS).fill(true));
      expect(session.bufferSize).toBeGreaterThan(0);
      console.log(`wisp-js server, ${runtime}: ${CONNECTIONS} TLS connections x ${BYTES_EACH_WAY} bytes each way over one WebSocket in ${ms} ms`);
    } finally {
      session.close();
    }
  });

  test('a host the server blocks: the stream closes HOST_BLOCKED, wrap_socket raises OSError EACCES', async () => {
    const blocking = await wispJsServer({ hostname_whitelist: [/^localhost$/] });
    const session = new WispSession(new WebSocket(blocking.url));
    try {
      const stream = session.connect('127.0.0.1', echo.port);
      const err = await within(10_000, ssl.wrap_socket(stream, clientOptions(ssl)).catch((e) => e), 'the refusal');
      expect(err).toBeInstanceOf(ssl.OSError);
      expect({ errno: err.errno, code: err.code }).toEqual({ errno: 13, code: 'EACCES' });
      expect(stream.closeReason).toBe(0x48);
      // The WebSocket and the session stay usable.
      const ok = await ssl.wrap_socket(session.connect('localhost', echo.port), clientOptions(ssl));
      expect(Buffer.from(await echoThrough(ok, Buffer.from('still here'))).toString()).toBe('still here');
      await ok.close();
    } finally {
      session.close();
      await blocking.close();
    }
  });

  test('when the WebSocket dies, every open stream fails with ECONNRESET, and new ones too', async () => {
    const doomed = await wispJsServer();
    const session = new WispSession(new WebSocket(doomed.url));
    try {
      const sockets = await Promise.all([0, 1, 2].map(() => ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl))));
      const reads = sockets.map((s) => s.read(10).catch((e) => e));
      await doomed.close(); // cuts the server's side of the WebSocket
      for (const err of await within(10_000, Promise.all(reads), 'the failed reads')) {
        expect(err).toBeInstanceOf(ssl.OSError);
        expect({ errno: err.errno, code: err.code }).toEqual({ errno: 104, code: 'ECONNRESET' });
      }
      expect(session.error).toMatch(/^WebSocket closed/);
      const late = await ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl)).catch((e) => e);
      expect(late).toMatchObject({ errno: 104, code: 'ECONNRESET' });
    } finally {
      session.close();
    }
  });
});

describe('WispSession flow control against wisp-js', () => {
  test('a target that does not read stops the writer within the credit; when it reads, every byte arrives', async () => {
    const TOTAL = 48 << 20; // more than loopback's socket buffers take
    let target;
    const arrived = [];
    let arrivedBytes = 0;
    const gotAll = new Promise((resolve) => {
      tcpServer((sock) => {
        target = sock;
        sock.pause();
        sock.on('data', (d) => {
          arrived.push(d);
          arrivedBytes += d.length;
          if (arrivedBytes >= TOTAL) resolve();
        });
      }).then((server) => { gotAll.server = server; });
    });
    await sleep(50);
    const wisp = await wispJsServer();
    const ws = new WebSocket(wisp.url);
    const wire = creditRecorder(ws);
    const session = new WispSession(ws, { maxDataSize: 16 * 1024 });
    try {
      const stream = session.connect('127.0.0.1', gotAll.server.port);
      const payload = randomBytes(TOTAL);
      const writing = writeAll(stream, payload);
      // The target reads nothing: the writer must stall well short of TOTAL.
      await within(20_000, (async () => {
        let last = -1;
        for (;;) {
          await sleep(300);
          const sent = wire.streams.get(stream.id)?.bytes || 0;
          if (sent === last && stream.credit === 0) return; // stalled, and for want of credit
          last = sent;
        }
      })(), 'the writer to stall');
      const stalled = { ...wire.streams.get(stream.id) };
      expect(stalled.bytes).toBeLessThan(TOTAL);
      expect(stream.credit).toBe(0);                           // it stopped because the credit ran out
      expect(ws.bufferedAmount).toBeLessThan(session.highWaterMark);
      expect(wire.violations).toEqual([]);
      target.resume();
      await within(60_000, Promise.all([writing, gotAll]), 'the rest of the bytes');
      expect(sha256(Buffer.concat(arrived))).toBe(sha256(payload));
      expect(wire.violations).toEqual([]);
      console.log(`wisp-js flow control: stalled after ${stalled.bytes} of ${TOTAL} bytes (${stalled.sent} packets, `
        + `initial credit ${wire.initial()} packets)`);
    } finally {
      session.close();
      await wisp.close();
      await gotAll.server.close();
    }
  });
});
