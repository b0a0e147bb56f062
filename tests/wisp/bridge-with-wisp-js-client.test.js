// The bridge speaking Wisp (`wisp: true`) to the reference client, wisp-js: many raw TCP
// streams over one WebSocket, byte-exact both ways, the refusals as Wisp close reasons, and
// one log line per stream.
import { randomBytes } from 'node:crypto';
import { client as wispClient } from '@mercuryworkshop/wisp-js/client';
import { startBridge } from '../../js/src/bridge/index.js';
import { tcpServer } from './support/peers.js';
import { within, sha256 } from './support/wire.js';

const STREAMS = 20;
const BYTES_EACH_WAY = 256 * 1024;

/** A wisp-js client connection, once open (it falls back from Wisp v2 to v1 by itself). */
function wispJsConnection(url) {
  const conn = new wispClient.ClientConnection(url);
  return within(10_000, new Promise((resolve, reject) => {
    conn.onopen = () => resolve(conn);
    conn.onerror = () => reject(new Error('wisp-js client: connection failed'));
  }), 'the wisp-js connection');
}

/** A wisp-js stream's bytes until `length` arrived, and its close reason, if it closes. */
function collect(stream, length) {
  const chunks = [];
  let n = 0;
  const all = new Promise((resolve, reject) => {
    stream.onmessage = (data) => {
      chunks.push(Buffer.from(data));
      n += data.length;
      if (n >= length) resolve(Buffer.concat(chunks));
    };
    stream.onclose = (reason) => (n >= length ? null : reject(Object.assign(new Error(`closed after ${n} bytes`), { reason })));
  });
  return all;
}

const closeReason = (stream) => new Promise((resolve) => { stream.onclose = resolve; });

describe('the bridge with wisp: true, and the wisp-js client', () => {
  let echo, bridge, conn;
  const log = [];
  beforeAll(async () => {
    echo = await tcpServer((sock) => sock.pipe(sock));
    const closed = await tcpServer(() => {});
    const closedPort = closed.port;
    await closed.close();
    bridge = await startBridge({ wisp: true, allow: [`127.0.0.1:${echo.port}`, `127.0.0.1:${closedPort}`], log: (l) => log.push(l) });
    bridge.closedPort = closedPort;
    conn = await wispJsConnection(bridge.wispUrl());
  });
  afterAll(async () => {
    conn.close();
    await bridge.close();
    await echo.close();
  });

  test(`${STREAMS} streams over one WebSocket, ${BYTES_EACH_WAY / 1024} KiB each way, byte-exact; one log line per stream`, async () => {
    const started = Date.now();
    const results = await within(30_000, Promise.all(Array.from({ length: STREAMS }, async () => {
      const stream = conn.create_stream('127.0.0.1', echo.port);
      const payload = randomBytes(BYTES_EACH_WAY);
      const back = collect(stream, payload.length);
      for (let i = 0; i < payload.length; i += 16384) stream.send(payload.subarray(i, i + 16384));
      const same = sha256(await back) === sha256(payload);
      stream.close(0x02);
      return { id: stream.stream_id, same };
    })), 'the echoes');
    const ms = Date.now() - started;
    expect(results.map((r) => r.same)).toEqual(Array(STREAMS).fill(true));
    const closes = await within(5_000, (async () => {
      for (;;) {
        const lines = log.filter((l) => / #\d+ -> /.test(l) && l.startsWith('close '));
        if (lines.length >= STREAMS) return lines;
        await new Promise((r) => setTimeout(r, 20));
      }
    })(), 'the close lines');
    for (const { id } of results) {
      expect(closes).toContainEqual(expect.stringMatching(new RegExp(
        `^close 127\\.0\\.0\\.1:\\d+ #${id} -> 127\\.0\\.0\\.1:${echo.port}: client closed: voluntary \\(0x02\\); ${BYTES_EACH_WAY} bytes up, ${BYTES_EACH_WAY} bytes down, \\d+ ms$`)));
    }
    console.log(`bridge --wisp with the wisp-js client: ${STREAMS} streams x ${BYTES_EACH_WAY} bytes each way in ${ms} ms`);
  });

  test('a target outside the allow-list: CLOSE host_blocked (0x48), logged', async () => {
    const stream = conn.create_stream('127.0.0.1', 22);
    expect(await within(5_000, closeReason(stream), 'the refusal')).toBe(0x48);
    expect(log).toContainEqual(expect.stringMatching(new RegExp(`^refused 127\\.0\\.0\\.1:\\d+ #${stream.stream_id}: target "127.0.0.1:22" is not in the allow-list$`)));
  });

  test('an allowed target that refuses the connection: CLOSE conn_refused (0x44)', async () => {
    const stream = conn.create_stream('127.0.0.1', bridge.closedPort);
    expect(await within(5_000, closeReason(stream), 'the refusal')).toBe(0x44);
  });

  test('the target ending its connection: CLOSE voluntary (0x02), after all its bytes', async () => {
    const greeter = await tcpServer((sock) => sock.end('bye'));
    const b = await startBridge({ wisp: true, allow: [`127.0.0.1:${greeter.port}`], log: () => {} });
    const c = await wispJsConnection(b.wispUrl());
    try {
      const stream = c.create_stream('127.0.0.1', greeter.port);
      const got = [];
      const reason = await within(5_000, new Promise((resolve) => {
        stream.onmessage = (d) => got.push(Buffer.from(d));
        stream.onclose = resolve;
      }), 'the close');
      expect({ reason, got: Buffer.concat(got).toString() }).toEqual({ reason: 0x02, got: 'bye' });
    } finally {
      c.close();
      await b.close();
      await greeter.close();
    }
  });
});
