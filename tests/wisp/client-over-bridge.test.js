// This package end to end over Wisp: WispSession through the bridge (`wisp: true`) to real
// TLS servers. Many verified connections on one WebSocket; each refusal as its errno; a dead
// WebSocket; the stream caps; the idle timeout; the credit bounding what the bridge queues for
// a target that does not read, and the budget bounding a client that ignores its credit.
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { WispSession } from '../../js/src/index.js';
import { startBridge } from '../../js/src/bridge/index.js';
import { BUFFER_PACKETS } from '../../js/src/bridge/wisp.js';
import { connectPacket, dataPacket } from '../../js/src/wisp/packets.js';
import { RUNTIMES, loadSsl, clientOptions, sameBytes } from '../support/ssl.js';
import { startOpenSslServer } from '../support/openssl-server.js';
import { tlsEchoServer, tcpServer } from './support/peers.js';
import { within, sleep, writeAll, creditRecorder, sha256 } from './support/wire.js';

const CONNECTIONS = 50;
const BYTES_EACH_WAY = 64 * 1024;

async function echoThrough(s, payload) {
  const writing = s.write(payload);
  const got = new Uint8Array(payload.length);
  for (let n = 0; n < payload.length;) {
    const chunk = await s.read(payload.length - n);
    if (chunk.length === 0) throw new Error(`end of stream after ${n} bytes`);
    got.set(chunk, n);
    n += chunk.length;
  }
  await writing;
  return got;
}

/** Resolves when `pred()` holds (polled), or rejects after ms. */
const until = (pred, ms, what) => within(ms, (async () => { while (!pred()) await sleep(10); })(), what);

/** A port nothing listens on. */
async function closedPort() {
  const probe = await tcpServer(() => {});
  await probe.close();
  return probe.port;
}

describe.each(RUNTIMES)('%s build: WispSession through the bridge (wisp: true)', (runtime) => {
  let ssl, echo, refusing, bridge;
  const log = [];
  beforeAll(async () => {
    ssl = await loadSsl(runtime);
    echo = await tlsEchoServer();
    refusing = await closedPort();
    bridge = await startBridge({ wisp: true, allow: [`127.0.0.1:${echo.port}`, `localhost:${echo.port}`, `127.0.0.1:${refusing}`], log: (l) => log.push(l) });
  });
  afterAll(async () => {
    await bridge.close();
    await echo.close();
  });

  test(`${CONNECTIONS} concurrent verified TLS connections over one WebSocket, ${BYTES_EACH_WAY / 1024} KiB each way, byte-exact`, async () => {
    const session = new WispSession(new WebSocket(bridge.wispUrl()));
    try {
      const started = Date.now();
      const results = await within(60_000, Promise.all(Array.from({ length: CONNECTIONS }, async (_, i) => {
        const s = await ssl.wrap_socket(session.connect(i % 2 ? 'localhost' : '127.0.0.1', echo.port), clientOptions(ssl));
        const payload = randomBytes(BYTES_EACH_WAY);
        const same = sameBytes(await echoThrough(s, payload), payload);
        await s.close();
        return same;
      })), 'the echoes');
      const ms = Date.now() - started;
      expect(results).toEqual(Array(CONNECTIONS).fill(true));
      expect(bridge.connections).toBe(1); // one WebSocket for all of them
      await until(() => log.filter((l) => l.startsWith('close ') && l.includes(' #')).length >= CONNECTIONS, 5_000, 'the close lines');
      console.log(`bridge --wisp, ${runtime}: ${CONNECTIONS} TLS connections x ${BYTES_EACH_WAY} bytes each way over one WebSocket in ${ms} ms`);
    } finally {
      session.close();
    }
  });

  test('each refusal is its errno: not allowed → EACCES, refused → ECONNREFUSED; the session stays usable', async () => {
    const session = new WispSession(new WebSocket(bridge.wispUrl()));
    try {
      const blocked = session.connect('127.0.0.1', 22);
      const refused = session.connect('127.0.0.1', refusing);
      const [e1, e2] = await within(10_000, Promise.all([blocked, refused].map((s) => ssl.wrap_socket(s, clientOptions(ssl)).catch((e) => e))), 'the refusals');
      expect([e1, e2].map((e) => e instanceof ssl.OSError && { errno: e.errno, code: e.code }))
        .toEqual([{ errno: 13, code: 'EACCES' }, { errno: 111, code: 'ECONNREFUSED' }]);
      expect([blocked.closeReason, refused.closeReason]).toEqual([0x48, 0x44]);
      const s = await ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl));
      expect(Buffer.from(await echoThrough(s, Buffer.from('after the refusals'))).toString()).toBe('after the refusals');
      await s.close();
      expect(log).toContainEqual(expect.stringMatching(/^refused 127\.0\.0\.1:\d+ #1: target "127\.0\.0\.1:22" is not in the allow-list$/));
      await until(() => log.some((l) => new RegExp(`#2 -> 127\\.0\\.0\\.1:${refusing}`
        + ': tcp ECONNREFUSED; \\d+ bytes up, 0 bytes down').test(l)), 5_000, 'the refused stream\'s line');
    } finally {
      session.close();
    }
  });

  test('when the WebSocket dies, every stream fails with ECONNRESET', async () => {
    const own = await startBridge({ wisp: true, allow: [`127.0.0.1:${echo.port}`], log: () => {} });
    const session = new WispSession(new WebSocket(own.wispUrl()));
    try {
      const sockets = await Promise.all([0, 1, 2, 3].map(() => ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl))));
      const reads = sockets.map((s) => s.read(10).catch((e) => e));
      await own.close(); // cuts every WebSocket and TCP connection
      for (const err of await within(10_000, Promise.all(reads), 'the failed reads')) {
        expect(err instanceof ssl.OSError && { errno: err.errno, code: err.code }).toEqual({ errno: 104, code: 'ECONNRESET' });
      }
    } finally {
      session.close();
    }
  });
});

describe('the bridge (wisp: true): caps, idle timeout, protocol errors, the command line', () => {
  let ssl, echo;
  beforeAll(async () => {
    ssl = await loadSsl('emscripten');
    echo = await tlsEchoServer();
  });
  afterAll(() => echo.close());

  test('streams beyond maxStreams on one WebSocket are throttled: ECONNABORTED, reason conn_throttled', async () => {
    const log = [];
    const bridge = await startBridge({ wisp: true, maxStreams: 2, allow: [`127.0.0.1:${echo.port}`], log: (l) => log.push(l) });
    const session = new WispSession(new WebSocket(bridge.wispUrl()));
    try {
      const two = await Promise.all([0, 1].map(() => ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl))));
      const third = session.connect('127.0.0.1', echo.port);
      const err = await within(10_000, ssl.wrap_socket(third, clientOptions(ssl)).catch((e) => e), 'the refusal');
      expect({ errno: err.errno, code: err.code, reason: third.closeReason }).toEqual({ errno: 103, code: 'ECONNABORTED', reason: 0x49 });
      expect(log).toContainEqual(expect.stringMatching(/: too many streams on this WebSocket \(2\)$/));
      await two[0].close(); // a place is free again once its TCP connection is closed
      await until(() => log.some((l) => / #1 -> /.test(l)), 5_000, 'the first stream closed');
      const again = await ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl));
      expect(Buffer.from(await echoThrough(again, Buffer.from('room again'))).toString()).toBe('room again');
    } finally {
      session.close();
      await bridge.close();
    }
  });

  test('TCP connections over all WebSockets are capped by maxConnections: the next stream is throttled', async () => {
    const log = [];
    const bridge = await startBridge({ wisp: true, maxConnections: 3, allow: [`127.0.0.1:${echo.port}`], log: (l) => log.push(l) });
    const [one, two] = [0, 1].map(() => new WispSession(new WebSocket(bridge.wispUrl())));
    try {
      await Promise.all([one, one, two].map((session) => ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl))));
      const fourth = two.connect('127.0.0.1', echo.port);
      const err = await within(10_000, ssl.wrap_socket(fourth, clientOptions(ssl)).catch((e) => e), 'the refusal');
      expect({ code: err.code, reason: fourth.closeReason }).toEqual({ code: 'ECONNABORTED', reason: 0x49 });
      expect(log).toContainEqual(expect.stringMatching(/: too many TCP connections \(3 in total\)$/));
    } finally {
      one.close();
      two.close();
      await bridge.close();
    }
  });

  test('shutdown(): every stream gets a FIN and a close line, the WebSocket 1001', async () => {
    const log = [];
    const bridge = await startBridge({ wisp: true, allow: [`127.0.0.1:${echo.port}`], log: (l) => log.push(l) });
    const session = new WispSession(new WebSocket(bridge.wispUrl()));
    try {
      await Promise.all([0, 1, 2].map(() => ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl))));
      await within(10_000, bridge.shutdown(), 'the shutdown');
      expect(log.filter((l) => / #\d+ -> .*: shutdown; /.test(l))).toHaveLength(3);
      expect(log).toContainEqual(expect.stringMatching(/\(wisp\): shutdown; 3 streams, \d+ ms$/));
      await until(() => session.error !== null, 5_000, 'the WebSocket closed');
      expect(session.error).toBe('WebSocket closed (1001)');
    } finally {
      session.close();
      await bridge.close();
    }
  });

  test('an idle stream is closed transfer_timeout (ETIMEDOUT), then the idle WebSocket 1001', async () => {
    const log = [];
    const bridge = await startBridge({ wisp: true, idleTimeout: 300, allow: [`127.0.0.1:${echo.port}`], log: (l) => log.push(l) });
    const session = new WispSession(new WebSocket(bridge.wispUrl()));
    try {
      const s = await ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl));
      const err = await within(5_000, s.read(10).catch((e) => e), 'the idle close');
      expect({ errno: err.errno, code: err.code }).toEqual({ errno: 110, code: 'ETIMEDOUT' });
      await until(() => log.some((l) => / #1 -> .*: idle for 0\.3 s; \d+ bytes up/.test(l)), 5_000, 'the idle line');
      await until(() => session.error !== null, 5_000, 'the WebSocket closed');
      expect(session.error).toBe('WebSocket closed (1001)');
    } finally {
      session.close();
      await bridge.close();
    }
  });

  test('a malformed packet closes the WebSocket 1002; a browser Origin not listed is refused 1008', async () => {
    const log = [];
    const bridge = await startBridge({ wisp: true, allow: [`127.0.0.1:${echo.port}`], log: (l) => log.push(l) });
    try {
      const ws = new WebSocket(bridge.wispUrl());
      const closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve([code, String(reason)])));
      ws.on('open', () => ws.send(Buffer.from([0x02, 0x01, 0x00])));
      expect(await within(5_000, closed, 'the close')).toEqual([1002, 'wisp protocol error']);
      expect(log).toContainEqual(expect.stringMatching(/protocol error: packet of 3 bytes/));
      const browser = new WebSocket(bridge.wispUrl(), { origin: 'https://elsewhere.example' });
      const refused = new Promise((resolve) => browser.on('close', (code, reason) => resolve([code, String(reason)])));
      expect(await within(5_000, refused, 'the refusal')).toEqual([1008, 'origin not allowed']);
    } finally {
      await bridge.close();
    }
  });

  test("wisp: '/wisp/' speaks Wisp on that path only, the one-connection endpoint elsewhere", async () => {
    const bridge = await startBridge({ wisp: '/wisp/', allow: [`127.0.0.1:${echo.port}`], log: () => {} });
    const session = new WispSession(new WebSocket(bridge.wispUrl()));
    try {
      expect(bridge.wispUrl()).toMatch(/\/wisp\/$/);
      const viaWisp = await ssl.wrap_socket(session.connect('127.0.0.1', echo.port), clientOptions(ssl));
      const plain = await ssl.wrap_socket(new WebSocket(bridge.url(`127.0.0.1:${echo.port}`)), clientOptions(ssl));
      for (const s of [viaWisp, plain]) expect(Buffer.from(await echoThrough(s, Buffer.from('x'))).toString()).toBe('x');
      await Promise.all([viaWisp.close(), plain.close()]);
      await expect(startBridge({ wisp: 'wisp' })).rejects.toThrow(/wisp must be true, false or a path/);
    } finally {
      session.close();
      await bridge.close();
    }
  });

  test('the command line: --wisp, with openssl s_server behind it', async () => {
    const { startBridgeProcess } = await import('../hardening/support/bridge-process.js');
    const server = await startOpenSslServer();
    const proc = await startBridgeProcess(['--listen', '127.0.0.1:0', '--allow', `localhost:${server.port}`, '--wisp', '--max-streams', '8']);
    const session = new WispSession(new WebSocket(`ws://127.0.0.1:${proc.port}/`));
    try {
      expect(proc.lines).toContainEqual('wasm-ssl bridge: protocol: Wisp v1, up to 8 streams per WebSocket, 1024 TCP connections in total');
      const s = await ssl.wrap_socket(session.connect('localhost', server.port), clientOptions(ssl));
      await s.write('hello\n');
      expect(Buffer.from(await s.readline()).toString()).toBe('olleh\n');
      await s.close();
      // s_server answers close_notify by closing too: whichever CLOSE or FIN came first is the reason.
      await proc.waitFor(new RegExp(`#1 -> localhost:${server.port}: (client closed: voluntary \\(0x02\\)|tcp end); \\d+ bytes up, \\d+ bytes down`));
    } finally {
      session.close();
      await proc.stop();
      await server.stop();
    }
  });
});

describe('the bridge (wisp: true): flow control towards a target that does not read', () => {
  let target, arrived, gotAll, log;
  const TOTAL = 48 << 20; // more than loopback's socket buffers take
  beforeEach(async () => {
    arrived = [];
    let n = 0;
    log = [];
    gotAll = new Promise((resolve) => {
      tcpServer((sock) => {
        target.sock = sock;
        sock.pause();
        sock.on('data', (d) => { arrived.push(d); n += d.length; if (n >= TOTAL) resolve(); });
      }).then((server) => { target = server; gotAll.ready(); });
    });
    await new Promise((r) => { gotAll.ready = r; });
  });
  afterEach(() => target.close());

  /** The bytes the bridge holds for the target: queued in its TCP socket. */
  const queuedAtBridge = (bridge) => {
    let n = 0;
    for (const c of bridge._connections) for (const s of c.streams.values()) n += s.tcp.writableLength;
    return n;
  };

  test('a well-behaved client stalls within its credit; the bridge queues at most the credit', async () => {
    const bridge = await startBridge({ wisp: true, allow: [`127.0.0.1:${target.port}`], log: (l) => log.push(l) });
    const ws = new WebSocket(bridge.wispUrl());
    const wire = creditRecorder(ws);
    const maxDataSize = 16 * 1024;
    const session = new WispSession(ws, { maxDataSize });
    try {
      const stream = session.connect('127.0.0.1', target.port);
      const payload = randomBytes(TOTAL);
      const writing = writeAll(stream, payload);
      writing.catch(() => {}); // awaited below; fails only after a failed expectation closed the session
      let maxQueued = 0;
      await within(20_000, (async () => {
        let last = -1;
        for (;;) {
          for (let i = 0; i < 30; i++) { maxQueued = Math.max(maxQueued, queuedAtBridge(bridge)); await sleep(10); }
          const sent = wire.streams.get(stream.id)?.bytes || 0;
          if (sent === last && stream.credit === 0) return; // stalled, and for want of credit
          last = sent;
        }
      })(), 'the writer to stall');
      const stalled = { ...wire.streams.get(stream.id) };
      expect(stalled.bytes).toBeLessThan(TOTAL);
      expect(stream.credit).toBe(0);
      expect(wire.violations).toEqual([]);
      expect(maxQueued).toBeLessThanOrEqual(BUFFER_PACKETS * maxDataSize);
      target.sock.resume();
      await within(60_000, Promise.all([writing, gotAll]), 'the rest of the bytes');
      expect(sha256(Buffer.concat(arrived))).toBe(sha256(payload));
      expect(wire.violations).toEqual([]);
      console.log(`bridge --wisp flow control: stalled after ${stalled.bytes} of ${TOTAL} bytes (${stalled.sent} packets); `
        + `at most ${maxQueued} bytes queued at the bridge (credit ${BUFFER_PACKETS} x ${maxDataSize})`);
    } finally {
      session.close();
      await bridge.close();
    }
  });

  test('a client that ignores its credit is held by the WebSocket budget: the bridge stays bounded', async () => {
    const bridge = await startBridge({ wisp: true, allow: [`127.0.0.1:${target.port}`], log: () => {} });
    const ws = new WebSocket(bridge.wispUrl());
    try {
      await within(5_000, new Promise((resolve) => ws.once('message', resolve)), 'the first CONTINUE');
      ws.send(connectPacket(1, '127.0.0.1', target.port));
      const chunk = randomBytes(64 * 1024);
      let maxQueued = 0;
      for (let i = 0; i < (TOTAL / chunk.length); i++) {
        ws.send(dataPacket(1, chunk)); // no regard for credit
        if (i % 16 === 0) { maxQueued = Math.max(maxQueued, queuedAtBridge(bridge)); await sleep(1); }
      }
      for (let i = 0; i < 100; i++) { maxQueued = Math.max(maxQueued, queuedAtBridge(bridge)); await sleep(10); }
      expect(ws.bufferedAmount).toBeGreaterThan(0);              // the bridge stopped reading the WebSocket
      expect(maxQueued).toBeLessThanOrEqual((4 << 20) + (1 << 20)); // the budget, plus one message
      target.sock.resume();
      await within(60_000, gotAll, 'every byte at the target');
      console.log(`bridge --wisp, client ignoring credit: at most ${maxQueued} bytes queued at the bridge`);
    } finally {
      ws.terminate();
      await bridge.close();
    }
  });
});
