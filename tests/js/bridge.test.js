// The WebSocket→TCP bridge on its own, with raw bytes: allow-list (default nothing), logging,
// binary frames both ways with backpressure, websockify's fixed-target mode and 'binary'
// subprotocol, and clean closing of both sides.
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { WebSocket } from 'ws';
import { startBridge, normalizeTarget } from '../../js/src/bridge/index.js';

const sha256 = (b) => createHash('sha256').update(b).digest('hex');

/** A TCP server on loopback; `onSocket` gets each connection. */
async function tcpServer(onSocket) {
  const server = net.createServer(onSocket);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: server.address().port, close: () => new Promise((r) => server.close(r)) };
}

/** Resolves with { code, reason } when the WebSocket closes. */
const closed = (ws) => new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
const opened = (ws) => new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });

describe('WebSocket→TCP bridge', () => {
  let echo;
  const tcpEvents = [];
  beforeAll(async () => {
    echo = await tcpServer((sock) => {
      sock.on('end', () => tcpEvents.push('end'));
      sock.pipe(sock);
    });
  });
  afterAll(() => echo.close());

  test('with no allow-list nothing is reachable, and the refusal is logged', async () => {
    const log = [];
    const bridge = await startBridge({ log: (l) => log.push(l) });
    try {
      const ws = new WebSocket(bridge.url(`127.0.0.1:${echo.port}`));
      expect(await closed(ws)).toEqual({ code: 1008, reason: 'target not allowed' });
      expect(log).toEqual([expect.stringMatching(new RegExp(`^refused 127\\.0\\.0\\.1:\\d+: target "127.0.0.1:${echo.port}" is not in the allow-list$`))]);
    } finally {
      await bridge.close();
    }
  });

  test('a target outside the allow-list is refused; one inside is piped, binary both ways', async () => {
    const log = [];
    const bridge = await startBridge({ allow: [`127.0.0.1:${echo.port}`], log: (l) => log.push(l) });
    try {
      const refused = new WebSocket(bridge.url('127.0.0.1:22'));
      expect((await closed(refused)).code).toBe(1008);
      const ws = new WebSocket(bridge.url(`127.0.0.1:${echo.port}`));
      await opened(ws);
      const payload = randomBytes(8 << 20); // more than either side buffers: backpressure
      const received = [];
      let length = 0;
      const done = new Promise((resolve) => ws.on('message', (data, isBinary) => {
        expect(isBinary).toBe(true);
        received.push(data);
        length += data.length;
        if (length >= payload.length) resolve();
      }));
      for (let i = 0; i < payload.length; i += 65536) ws.send(payload.subarray(i, i + 65536));
      await done;
      expect(sha256(Buffer.concat(received))).toBe(sha256(payload));
      const tcpEnds = tcpEvents.length;
      ws.close(1000);
      await closed(ws);
      await new Promise((r) => setTimeout(r, 50));
      expect(tcpEvents.length).toBe(tcpEnds + 1); // the TCP side was ended too
      expect(log.some((l) => l.startsWith('refused ') && l.includes('"127.0.0.1:22"'))).toBe(true);
      expect(log.some((l) => l.startsWith('connect ') && l.endsWith(`-> 127.0.0.1:${echo.port}`))).toBe(true);
      expect(log.some((l) => l.startsWith('close '))).toBe(true);
    } finally {
      await bridge.close();
    }
  });

  test("websockify clients: a single target needs no parameter, and 'binary' is the subprotocol", async () => {
    const bridge = await startBridge({ allow: [{ host: '127.0.0.1', port: echo.port }], log: () => {} });
    try {
      const ws = new WebSocket(bridge.url(), ['binary', 'base64']);
      await opened(ws);
      expect(ws.protocol).toBe('binary');
      ws.send(Buffer.from('ping'));
      const [reply] = await new Promise((resolve) => ws.once('message', (...args) => resolve(args)));
      expect(String(reply)).toBe('ping');
      ws.close();
      await closed(ws);
    } finally {
      await bridge.close();
    }
  });

  test('text frames are refused (binary frames only)', async () => {
    const bridge = await startBridge({ allow: [`127.0.0.1:${echo.port}`], log: () => {} });
    try {
      const ws = new WebSocket(bridge.url(`127.0.0.1:${echo.port}`));
      await opened(ws);
      ws.send('text');
      expect(await closed(ws)).toEqual({ code: 1003, reason: 'binary frames only' });
    } finally {
      await bridge.close();
    }
  });

  test('when the TCP server closes, the WebSocket is closed cleanly (1000)', async () => {
    const greeter = await tcpServer((sock) => sock.end('bye'));
    const bridge = await startBridge({ allow: [`127.0.0.1:${greeter.port}`], log: () => {} });
    try {
      const ws = new WebSocket(bridge.url(`127.0.0.1:${greeter.port}`));
      const message = new Promise((resolve) => ws.once('message', (d) => resolve(String(d))));
      expect(await message).toBe('bye');
      expect((await closed(ws)).code).toBe(1000);
    } finally {
      await bridge.close();
      await greeter.close();
    }
  });

  test('an unreachable target closes the WebSocket with an error code, and says why', async () => {
    const probe = await tcpServer(() => {});
    const { port } = probe;
    await probe.close();
    const log = [];
    const bridge = await startBridge({ allow: [`127.0.0.1:${port}`], log: (l) => log.push(l) });
    try {
      const ws = new WebSocket(bridge.url(`127.0.0.1:${port}`));
      expect(await closed(ws)).toEqual({ code: 1011, reason: 'ECONNREFUSED' });
      expect(log.some((l) => l.includes('ECONNREFUSED'))).toBe(true);
    } finally {
      await bridge.close();
    }
  });

  test('allow-list entries are checked and normalized', async () => {
    expect(normalizeTarget('LocalHost:443')).toBe('localhost:443');
    expect(normalizeTarget('[::1]:8443')).toBe('[::1]:8443');
    expect(normalizeTarget({ host: '::1', port: 8443 })).toBe('[::1]:8443');
    expect(normalizeTarget('localhost')).toBeNull();
    expect(normalizeTarget('localhost:70000')).toBeNull();
    await expect(startBridge({ allow: ['nonsense'] })).rejects.toBeInstanceOf(TypeError);
    await expect(startBridge({ allow: '127.0.0.1:1' })).rejects.toBeInstanceOf(TypeError);
  });
});
