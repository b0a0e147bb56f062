// The WebSocket→TCP bridge on its own, with raw bytes: allow-list (default nothing), logging,
// binary frames both ways with backpressure, websockify's fixed-target mode and 'binary'
// subprotocol, and clean closing of both sides.
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { WebSocket } from 'ws';
import { startBridge, normalizeTarget } from '../../js/src/bridge/index.js';
import { clientKey } from '../../js/src/bridge/caps.js';
import { eventually, rawClient, rawExchange, startBridgeProcess, upgradeRequest } from '../hardening/support/bridge-process.js';
import { startFaultProxy } from '../hardening/support/fault-proxy.js';
import { startOpenSslServer } from '../support/openssl-server.js';
import { RUNTIMES, loadSsl, clientOptions, text } from '../support/ssl.js';

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
      expect(await eventually(() => log.some((l) => l.startsWith('close ')))).toBe(true);
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
      expect(await eventually(() => log.some((l) => l.includes('ECONNREFUSED')))).toBe(true);
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

// Fit to face the internet: bad requests, limits, origins, closing, logging, latency.
describe('WebSocket→TCP bridge, hardened', () => {
  let echo, target;
  beforeAll(async () => {
    echo = await tcpServer((sock) => { sock.on('error', () => {}); sock.pipe(sock); });
    target = `127.0.0.1:${echo.port}`;
  });
  afterAll(() => echo.close());

  /** A bridge to the echo server for one test; options override. */
  async function withBridge(options, body) {
    const log = [];
    const bridge = await startBridge({ allow: [target], log: (l) => log.push(l), ...options });
    try {
      await body(bridge, log);
    } finally {
      await bridge.close();
    }
  }

  /** The bridge still pipes: one echo through a fresh WebSocket. */
  async function stillServes(bridge) {
    const ws = new WebSocket(bridge.url(target));
    await opened(ws);
    ws.send(Buffer.from('still here'));
    const [reply] = await new Promise((resolve) => ws.once('message', (...args) => resolve(args)));
    expect(String(reply)).toBe('still here');
    ws.close();
    await closed(ws);
  }

  /** Resolves with the HTTP status a WebSocket upgrade was refused with (or 'open'). */
  const upgradeStatus = (ws) => new Promise((resolve) => {
    ws.on('unexpected-response', (req, res) => { resolve(res.statusCode); req.destroy(); });
    ws.on('open', () => resolve('open'));
    ws.on('error', () => {});
  });

  test('a malformed request URL is HTTP 400 before the upgrade, and the bridge lives on', () => withBridge({}, async (bridge, log) => {
    const { port } = bridge.address();
    const reply = await rawExchange(port, upgradeRequest('http://x:99999/?target=a'));
    expect(reply.text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(log).toContainEqual(expect.stringMatching(/^refused 127\.0\.0\.1:\d+: HTTP 400, bad request URL "http:\/\/x:99999\/\?target=a"$/));
    await stillServes(bridge);
  }));

  test('a target that is not host:port is HTTP 400 before the upgrade', () => withBridge({}, async (bridge) => {
    const reply = await rawExchange(bridge.address().port, upgradeRequest('/?target=a'));
    expect(reply.text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[^]*bad target "a" \(expected host:port\)\n$/);
    await stillServes(bridge);
  }));

  test.each([
    ['a target outside the allow-list', '/?target=127.0.0.1:1', {}],
    ['an Origin not allowed', '/?target=TARGET', { origin: 'https://evil.example' }],
  ])('frames after a refusal (%s, close 1008) are dropped, even malformed ones', (name, path, request) =>
    withBridge({ origins: ['https://good.example'] }, async (bridge) => {
      const req = upgradeRequest(path.replace('TARGET', target), request);
      const unmasked = Buffer.from([0x82, 0x01, 0x00]); // a client frame must be masked
      const reply = await rawExchange(bridge.address().port, Buffer.concat([Buffer.from(req), unmasked]));
      expect(reply.text).toMatch(/^HTTP\/1\.1 101 /);
      expect(reply.bytes.includes(Buffer.from([0x88]))).toBe(true); // a close frame came back
      await stillServes(bridge);
    }));

  test('a message over maxPayload (default 1 MiB) closes with 1009; one at the limit goes through', () => withBridge({}, async (bridge) => {
    const ws = new WebSocket(bridge.url(target));
    await opened(ws);
    const echoed = new Promise((resolve) => {
      let n = 0;
      ws.on('message', (d) => { n += d.length; if (n >= (1 << 20)) resolve(n); });
    });
    ws.send(randomBytes(1 << 20)); // echoed in TCP-sized pieces
    expect(await echoed).toBe(1 << 20);
    ws.send(randomBytes((1 << 20) + 1));
    expect((await closed(ws)).code).toBe(1009);
    await stillServes(bridge);
  }));

  test('fragments count together: a fragmented message over maxPayload closes with 1009', () => withBridge({ maxPayload: 4096 }, async (bridge) => {
    const ws = new WebSocket(bridge.url(target));
    await opened(ws);
    for (let i = 0; i < 5; i++) ws.send(Buffer.alloc(1000), { fin: false });
    ws.send(Buffer.alloc(1000), { fin: true });
    expect((await closed(ws)).code).toBe(1009);
  }));

  test('maxPayload is an option: raised to 20 MiB, a 17 MiB message goes through', () => withBridge({ maxPayload: 20 << 20 }, async (bridge) => {
    const size = 17 << 20; // over the former fixed 16 MiB
    const ws = new WebSocket(bridge.url(target));
    await opened(ws);
    const echoed = new Promise((resolve) => {
      let n = 0;
      ws.on('message', (d) => { n += d.length; if (n >= size) resolve(n); });
    });
    ws.send(Buffer.alloc(size, 7));
    expect(await echoed).toBe(size);
    ws.close();
    await closed(ws);
  }));

  test('idle timeout: no byte either way closes both sides, and the log says why', async () => {
    let tcpEnded = false;
    const quiet = await tcpServer((sock) => { sock.on('error', () => {}); sock.on('end', () => { tcpEnded = true; sock.end(); }); });
    const log = [];
    const bridge = await startBridge({ allow: [`127.0.0.1:${quiet.port}`], idleTimeout: 300, log: (l) => log.push(l) });
    try {
      const ws = new WebSocket(bridge.url(`127.0.0.1:${quiet.port}`));
      await opened(ws);
      const started = Date.now();
      expect(await closed(ws)).toEqual({ code: 1001, reason: 'idle timeout' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(await eventually(() => tcpEnded)).toBe(true);
      expect(await eventually(() => log.some((l) => /^close .*: idle for 0\.3 s; 0 bytes up, 0 bytes down, \d+ ms$/.test(l)))).toBe(true);
    } finally {
      await bridge.close();
      await quiet.close();
    }
  });

  test('traffic keeps a connection from the idle timeout; once it stops, the timeout closes it', () => withBridge({ idleTimeout: 400 }, async (bridge) => {
    const ws = new WebSocket(bridge.url(target));
    await opened(ws);
    let replies = 0;
    ws.on('message', () => { replies++; });
    const end = closed(ws);
    for (let i = 0; i < 10; i++) { // 1 s of traffic, every 100 ms
      ws.send(Buffer.from('tick'));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(replies).toBe(10);
    const quiet = Date.now();
    expect(await end).toEqual({ code: 1001, reason: 'idle timeout' });
    expect(Date.now() - quiet).toBeLessThan(1000); // 400 ms, checked every 100 ms
  }));

  test('connection caps: per client address and in total, the excess is HTTP 503, and places come back', () =>
    withBridge({ maxPerAddress: 2, maxConnections: 3 }, async (bridge, log) => {
      const from = (localAddress) => new WebSocket(bridge.url(target), { localAddress });
      const a = [from('127.0.0.2'), from('127.0.0.2')];
      expect(await Promise.all(a.map(upgradeStatus))).toEqual(['open', 'open']);
      expect(await upgradeStatus(from('127.0.0.2'))).toBe(503); // a third from the same address
      const b = from('127.0.0.3');
      expect(await upgradeStatus(b)).toBe('open');
      expect(await upgradeStatus(from('127.0.0.4'))).toBe(503); // a fourth in total
      expect(log.filter((l) => / HTTP 503, too many connections/.test(l))).toEqual([
        expect.stringMatching(/^refused 127\.0\.0\.2:\d+: HTTP 503, too many connections \(2 from this address\)$/),
        expect.stringMatching(/^refused 127\.0\.0\.4:\d+: HTTP 503, too many connections \(3 in total\)$/),
      ]);
      a[0].close();
      await closed(a[0]);
      expect(await eventually(() => log.some((l) => l.startsWith('close 127.0.0.2:')))).toBe(true);
      const again = from('127.0.0.2');
      expect(await upgradeStatus(again)).toBe('open');
      again.close();
      for (const ws of [a[1], b]) ws.close();
    }));

  test('a client address is an IPv4 address (also IPv4-mapped) or an IPv6 /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:DB8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey(undefined)).toBe('?');
  });

  test('origins: none listed refuses every browser (any Origin header) and serves Node (none)', () =>
    withBridge({}, async (bridge) => {
      const page = new WebSocket(bridge.url(target), { origin: 'https://any.example' });
      expect(await closed(page)).toEqual({ code: 1008, reason: 'origin not allowed' });
      await stillServes(bridge);
    }));

  test('origins: a listed Origin passes, another is refused (1008), and no Origin (Node, curl) passes', () =>
    withBridge({ origins: ['https://good.example'] }, async (bridge, log) => {
      const good = new WebSocket(bridge.url(target), { origin: 'https://good.example' });
      await opened(good);
      const evil = new WebSocket(bridge.url(target), { origin: 'https://evil.example' });
      expect(await closed(evil)).toEqual({ code: 1008, reason: 'origin not allowed' });
      expect(log).toContainEqual(expect.stringMatching(/^refused 127\.0\.0\.1:\d+: origin "https:\/\/evil\.example" is not allowed$/));
      await stillServes(bridge); // no Origin header
      good.close();
      await closed(good);
    }));

  test('one log line per connection at close: bytes each way, duration, reason', () => withBridge({}, async (bridge, log) => {
    const ws = new WebSocket(bridge.url(target));
    await opened(ws);
    ws.send(Buffer.from('12345'));
    await new Promise((resolve) => ws.once('message', resolve));
    ws.close(1000);
    await closed(ws);
    expect(await eventually(() => log.some((l) => l.startsWith('close ')))).toBe(true);
    const lines = log.filter((l) => l.startsWith('close '));
    expect(lines).toEqual([expect.stringMatching(
      new RegExp(`^close 127\\.0\\.0\\.1:\\d+ -> ${target.replace(/\./g, '\\.')}: websocket closed \\(1000\\); 5 bytes up, 5 bytes down, \\d+ ms$`))]);
  }));

  test('TCP end is close 1000; a TCP reset is close 1011 ECONNRESET', async () => {
    const ender = await tcpServer((sock) => { sock.on('error', () => {}); sock.end('bye'); });
    const resetter = await tcpServer((sock) => { sock.on('error', () => {}); sock.write('hi', () => setTimeout(() => sock.resetAndDestroy(), 20)); });
    const log = [];
    const bridge = await startBridge({ allow: [`127.0.0.1:${ender.port}`, `127.0.0.1:${resetter.port}`], log: (l) => log.push(l) });
    try {
      expect(await closed(new WebSocket(bridge.url(`127.0.0.1:${ender.port}`)))).toEqual({ code: 1000, reason: '' });
      expect(await closed(new WebSocket(bridge.url(`127.0.0.1:${resetter.port}`)))).toEqual({ code: 1011, reason: 'ECONNRESET' });
      expect(await eventually(() => log.filter((l) => l.startsWith('close ')).length === 2)).toBe(true);
      expect(log.filter((l) => l.startsWith('close ')).map((l) => /: ([^;]+);/.exec(l)[1]).sort()).toEqual(['tcp ECONNRESET', 'tcp end']);
    } finally {
      await bridge.close();
      await ender.close();
      await resetter.close();
    }
  });

  test('no Nagle delay: every TCP connection the bridge opens is switched to no-delay', async () => {
    // With Nagle's algorithm a small write waits for the peer's delayed ACK (~40 ms) whenever
    // an earlier one is unacknowledged: two writes and a reply would take that long.
    const echo = await tcpServer((sock) => { sock.on('error', () => {}); sock.pipe(sock); });
    const bridge = await startBridge({ allow: [`127.0.0.1:${echo.port}`], log: () => {} });
    const setNoDelay = net.Socket.prototype.setNoDelay;
    const switched = [];
    net.Socket.prototype.setNoDelay = function (flag) { switched.push(flag); return setNoDelay.call(this, flag); };
    try {
      const ws = new WebSocket(bridge.url(`127.0.0.1:${echo.port}`));
      await opened(ws);
      const reply = new Promise((resolve) => ws.once('message', resolve));
      ws.send(Buffer.from('ab'));
      expect((await reply).toString()).toBe('ab');
      expect(switched).toContain(true);
      expect(switched).not.toContain(false);
      ws.close();
      await closed(ws);
    } finally {
      net.Socket.prototype.setNoDelay = setNoDelay;
      await bridge.close();
      await echo.close();
    }
  });

  test('bad limits are a RangeError', async () => {
    await expect(startBridge({ allow: [target], maxPayload: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(startBridge({ allow: [target], idleTimeout: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(startBridge({ allow: [target], maxPerAddress: 1.5 })).rejects.toBeInstanceOf(RangeError);
  });
});

// The command line, run as a child process.
describe('wasm-ssl-bridge (the command)', () => {
  let echo, target;
  beforeAll(async () => {
    echo = await tcpServer((sock) => { sock.on('error', () => {}); sock.pipe(sock); });
    target = `127.0.0.1:${echo.port}`;
  });
  afterAll(() => echo.close());

  test('--listen host:0 takes a free port and says which, machine-readably, then what it allows', async () => {
    const bridge = await startBridgeProcess(['--listen', '127.0.0.1:0', '--allow', target]);
    try {
      expect(bridge.lines[0]).toBe(`wasm-ssl bridge: listening on 127.0.0.1:${bridge.port}`);
      expect(bridge.port).toBeGreaterThan(0);
      expect(bridge.lines).toContain(`wasm-ssl bridge: allowed targets: ${target}`);
      expect(bridge.lines).toContain('wasm-ssl bridge: browser origins: none allowed (requests with an Origin header are refused; add --origin to allow a site)');
      const ws = new WebSocket(bridge.url(target));
      await opened(ws);
      ws.close();
      await closed(ws);
    } finally {
      await bridge.stop();
    }
  });

  test('without --origin a browser (a request with an Origin) is refused; Node (no Origin) is served', async () => {
    const bridge = await startBridgeProcess(['--listen', '127.0.0.1:0', '--allow', target]);
    try {
      const page = new WebSocket(bridge.url(target), { origin: 'https://any.example' });
      expect(await closed(page)).toEqual({ code: 1008, reason: 'origin not allowed' });
      const node = new WebSocket(bridge.url(target));
      await opened(node);
      node.close();
      await closed(node);
    } finally {
      await bridge.stop();
    }
  });

  test('--origin lets that site in, and the startup line says so', async () => {
    const bridge = await startBridgeProcess(['--listen', '127.0.0.1:0', '--allow', target, '--origin', 'https://good.example']);
    try {
      expect(bridge.lines).toContain('wasm-ssl bridge: browser origins allowed: https://good.example (requests without an Origin header are allowed too)');
      const page = new WebSocket(bridge.url(target), { origin: 'https://good.example' });
      await opened(page);
      page.close();
      await closed(page);
    } finally {
      await bridge.stop();
    }
  });

  test.each(['SIGTERM', 'SIGINT'])('%s: stops accepting, closes connections (1001, FIN to the target), exits 0 in time', async (signal) => {
    let targetEnded = false;
    const server = await tcpServer((sock) => { sock.on('error', () => {}); sock.on('end', () => { targetEnded = true; sock.end(); }); });
    const bridge = await startBridgeProcess(['--listen', '127.0.0.1:0', '--allow', `127.0.0.1:${server.port}`]);
    try {
      const ws = new WebSocket(bridge.url(`127.0.0.1:${server.port}`));
      await opened(ws);
      const started = Date.now();
      bridge.child.kill(signal);
      expect(await closed(ws)).toEqual({ code: 1001, reason: 'shutdown' });
      expect(await bridge.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(6000);
      expect(targetEnded).toBe(true);
      expect(bridge.lines).toContainEqual(expect.stringMatching(/: shutdown; 0 bytes up, 0 bytes down, \d+ ms$/));
    } finally {
      await bridge.stop();
      await server.close();
    }
  });

  test('SIGTERM with a client that never answers the close: cut after --shutdown-timeout, exit 0', async () => {
    const bridge = await startBridgeProcess(['--listen', '127.0.0.1:0', '--allow', target, '--shutdown-timeout', '1']);
    const client = rawClient(bridge.port);
    try {
      await client.connected;
      client.socket.write(upgradeRequest(`/?target=${target}`));
      await bridge.waitFor(/connect 127\.0\.0\.1:\d+ -> /);
      client.socket.pause(); // reads nothing more, answers nothing
      const started = Date.now();
      bridge.child.kill('SIGTERM');
      expect(await bridge.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(2500);
      expect(bridge.lines).toContainEqual(expect.stringMatching(/: shutdown; 0 bytes up, 0 bytes down, \d+ ms$/));
    } finally {
      client.socket.destroy();
      await bridge.stop();
    }
  });

  test('bad arguments: a clear message and exit 2', async () => {
    for (const [args, message] of [
      [['--listen', 'nonsense', '--allow', target], '--listen: expected host:port (port 0: any free port), got nonsense'],
      [['--listen', '127.0.0.1:0'], 'nothing to bridge to: give at least one --allow host:port'],
      [['--listen', '127.0.0.1:0', '--allow', target, '--idle-timeout', 'soon'], '--idle-timeout: expected a number, got soon'],
      [['--listen', '127.0.0.1:0', '--allow', target, '--max-connections', '0'], 'bridge: maxConnections must be an integer >= 1, got 0'],
    ]) {
      const err = await startBridgeProcess(args).then(() => null, (e) => e);
      expect(err.message).toMatch(/^bridge exited \(2\) at startup/);
      expect(err.message).toContain(`wasm-ssl bridge: ${message}`);
    }
  });
});

// What a TCP reset through the bridge means to the package: ECONNRESET, not a clean end.
describe.each(RUNTIMES)('%s build: wrap_socket over the bridge, the target connection fails', (runtime) => {
  let ssl, server, proxy, bridge;
  beforeAll(async () => {
    ssl = await loadSsl(runtime);
    server = await startOpenSslServer();
    proxy = await startFaultProxy(server.port);
    bridge = await startBridge({ allow: [`127.0.0.1:${proxy.port}`], log: () => {} });
  });
  afterAll(async () => {
    await bridge.close();
    await proxy.stop();
    await server.stop();
  });

  async function established() {
    const s = await ssl.wrap_socket(new WebSocket(bridge.url(`127.0.0.1:${proxy.port}`), ['binary']), clientOptions(ssl));
    await s.write('hello\n');
    expect(text(await s.readline())).toBe('olleh\n');
    return s;
  }

  test('a TCP reset from the target is OSError ECONNRESET', async () => {
    const s = await established();
    proxy.current().reset();
    const err = await s.read().catch((e) => e);
    expect(err).toBeInstanceOf(ssl.OSError);
    expect({ code: err.code, errno: err.errno }).toEqual({ code: 'ECONNRESET', errno: 104 });
  });

  test('a clean TCP end (FIN, between records) is end of stream: an empty read, not an error', async () => {
    const s = await established();
    proxy.current().end();
    const got = await s.read(); // at a record boundary: an empty read, as a socket's EOF
    expect(got).toBeInstanceOf(Uint8Array);
    expect(got.length).toBe(0);
  });
});
