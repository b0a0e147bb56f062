// The bridge (its command line, in a child process) under abuse, on loopback: the requests that
// took it down, bytes that are not HTTP, huge and fragmented frames, slowloris, 500 idle
// clients, clients that never read, a fast target and a slow client. After every case the
// process is alive, its resident memory is within a stated bound, and an honest client — a
// real TLS handshake with wrap_socket to openssl s_server through the bridge — is served.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { WebSocket } from 'ws';
import { startOpenSslServer } from '../support/openssl-server.js';
import { loadSsl, clientOptions, text } from '../support/ssl.js';
import { closeCode, eventually, frameHeader, rawClient, rawExchange, startBridgeProcess, upgradeRequest, within }
  from './support/bridge-process.js';

const MiB = 1 << 20;
const IDLE_S = 4, HANDSHAKE_S = 2;
// RSS the bridge may grow by over its warm baseline. Its worst case is about
// connections × (2 × maxPayload + 1 MiB); these cases stay far below the caps.
const RSS_BOUND = 160 * MiB;

const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`;

/** A TCP server on loopback; `onSocket` gets each connection; `live` counts open ones. */
async function tcpServer(onSocket) {
  const live = new Set();
  const server = net.createServer((sock) => {
    live.add(sock);
    sock.on('close', () => live.delete(sock));
    sock.on('error', () => {});
    onSocket(sock);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    live,
    close: () => { for (const s of live) s.destroy(); return new Promise((r) => server.close(r)); },
  };
}

// Byte n of the fast target's stream is n % 251: a client can check order and integrity.
const PATTERN = Buffer.from(Array.from({ length: 65536 + 251 }, (_, i) => i % 251));
const patternAt = (offset, length) => PATTERN.subarray(offset % 251, (offset % 251) + length);

let tls, fast, sink, deaf, bridge, ssl, baseline;
const figures = [];
const target = (server) => `127.0.0.1:${server.port}`;

beforeAll(async () => {
  ssl = await loadSsl('emscripten');
  tls = await startOpenSslServer();
  // Writes as fast as TCP takes it, for as long as the connection lasts.
  fast = await tcpServer((sock) => {
    let sent = 0;
    const pump = () => {
      while (!sock.destroyed) {
        const ok = sock.write(patternAt(sent, 65536));
        sent += 65536;
        if (!ok) { sock.once('drain', pump); return; }
      }
    };
    pump();
  });
  // Says nothing; counts what it receives.
  sink = await tcpServer((sock) => { sock.on('data', (d) => { sink.received += d.length; }); });
  sink.received = 0;
  // Accepts and never reads.
  deaf = await tcpServer((sock) => sock.pause());
  bridge = await startBridgeProcess(['--listen', '127.0.0.1:0', '--allow', target(tls), '--allow', target(fast),
    '--allow', target(sink), '--allow', target(deaf), '--idle-timeout', String(IDLE_S), '--handshake-timeout', String(HANDSHAKE_S),
    '--shutdown-timeout', '2']);
  await honestClient(); // warm: the first connection's allocations are not an attack's
  baseline = bridge.rss();
  figures.push(`baseline RSS ${mib(baseline)}`);
}, 30000);

afterAll(async () => {
  if (bridge) {
    bridge.child.kill('SIGTERM');
    const stopped = await within(bridge.exited, 5000);
    figures.push(`SIGTERM after the suite: ${stopped ? `exit ${(await bridge.exited).code}` : 'no exit in 5 s'}`);
    await bridge.stop();
  }
  await Promise.all([tls, fast, sink, deaf].filter(Boolean).map((s) => s.stop ? s.stop() : s.close()));
  console.log(`bridge abuse figures:\n  ${figures.join('\n  ')}`);
});

/** wrap_socket through the bridge to openssl s_server (-rev), CERT_REQUIRED: a line there and back. */
async function honestClient() {
  const ws = new WebSocket(bridge.url(target(tls)), ['binary']);
  const s = await ssl.wrap_socket(ws, clientOptions(ssl));
  expect(s.verify_result().verified).toBe(true);
  await s.write('honest client\n');
  expect(text(await s.readline())).toBe('tneilc tsenoh\n');
  await s.close();
}

/** During or after a case: the bridge is up, within its memory bound, and serves an honest client. */
async function stillServing(what) {
  expect(bridge.alive()).toBe(true);
  const rss = bridge.rss();
  figures.push(`${what}: RSS ${mib(rss)} (+${mib(rss - baseline)})`);
  expect(rss - baseline).toBeLessThan(RSS_BOUND);
  const started = Date.now();
  await honestClient();
  expect(Date.now() - started).toBeLessThan(5000);
}

afterEach(() => stillServing('after the case'), 15000);

test('the requests that took it down: a bad URL, and frames after refusals (allow-list, Origin)', async () => {
  for (let i = 0; i < 3; i++) {
    const badUrl = await rawExchange(bridge.port, upgradeRequest('http://x:99999/?target=a'));
    expect(badUrl.text).toMatch(/^HTTP\/1\.1 400 /);
    const unmasked = Buffer.from([0x82, 0x01, 0x00]);
    for (const [path, origin] of [['/?target=127.0.0.1:1', undefined], [`/?target=${target(sink)}`, 'https://evil.example']]) {
      const reply = await rawExchange(bridge.port, Buffer.concat([Buffer.from(upgradeRequest(path, { origin })), unmasked]));
      expect(reply.text).toMatch(/^HTTP\/1\.1 101 /);
      expect(closeCode(reply.bytes)).toBe(1008);
      expect(reply.timedOut).toBeUndefined();
    }
  }
  expect(bridge.alive()).toBe(true);
});

test('random bytes: on the port (HTTP 400 or cut), and after a valid upgrade (a protocol close code, or cut)', async () => {
  const replies = await Promise.all(Array.from({ length: 30 }, () => rawExchange(bridge.port, randomBytes(4096))));
  for (const r of replies) {
    expect(r.timedOut).toBeUndefined();
    if (r.text) expect(r.text).toMatch(/^HTTP\/1\.1 400 /);
  }
  // After an upgrade: bridged, or refused (the target is not allowed) and closing.
  const afterUpgrade = await Promise.all(Array.from({ length: 20 }, (_, i) => rawExchange(bridge.port,
    Buffer.concat([Buffer.from(upgradeRequest(i % 2 ? `/?target=${target(sink)}` : '/?target=127.0.0.1:1')), randomBytes(4096)]))));
  for (const r of afterUpgrade) {
    expect(r.timedOut).toBeUndefined();
    expect(r.text).toMatch(/^HTTP\/1\.1 101 /);
    // Random frame headers: bad opcode or RSV bits (1002), bad UTF-8 (1007), a text frame (1003), too long (1009)…
    const code = closeCode(r.bytes);
    if (code !== null) expect(code).toBeGreaterThanOrEqual(1002);
  }
});

test('huge frames: 16 clients announcing 16 MiB are closed at the header (1009)', async () => {
  const before = bridge.rss();
  const clients = Array.from({ length: 16 }, () => rawClient(bridge.port));
  for (const c of clients) {
    await c.connected;
    c.socket.write(upgradeRequest(`/?target=${target(sink)}`));
    c.socket.write(frameHeader(16 * MiB));
    c.socket.write(Buffer.alloc(15 * MiB));
  }
  expect(await within(Promise.all(clients.map((c) => c.closed)), 5000)).toBe(true);
  for (const c of clients) expect(closeCode(c.received())).toBe(1009);
  figures.push(`16 clients x 15 MiB of a 16 MiB frame: RSS +${mib(bridge.rss() - before)}`);
  const giant = await rawExchange(bridge.port, Buffer.concat([Buffer.from(upgradeRequest(`/?target=${target(sink)}`)),
    frameHeader(2 ** 53)]));
  expect(closeCode(giant.bytes)).toBe(1009);
}, 20000);

test('frames just under the limit, then stalled: 64 clients hold at most ~1 MiB each, until the idle timeout', async () => {
  const before = bridge.rss();
  const clients = Array.from({ length: 64 }, (_, i) => rawClient(bridge.port, { localAddress: `127.0.2.${1 + (i % 4)}` }));
  for (const c of clients) {
    await c.connected;
    c.socket.write(upgradeRequest(`/?target=${target(sink)}`));
    c.socket.write(frameHeader(MiB));
    c.socket.write(randomBytes(MiB - 1)); // one byte short: the bridge must hold it
  }
  await new Promise((r) => setTimeout(r, 1000));
  const held = bridge.rss() - before;
  figures.push(`64 clients holding 1 MiB - 1 of a 1 MiB frame: RSS +${mib(held)}`);
  expect(held).toBeLessThan(64 * 2 * MiB + 32 * MiB);
  await stillServing('while 64 stalled frames are held');
  const started = Date.now();
  // Idle (checked every IDLE_S / 4), then close 1001 sent; a client that never answers it is cut
  // 5 s later (the close handshake's bound).
  expect(await within(Promise.all(clients.map((c) => c.closed)), (IDLE_S * 1.25 + 5 + 1) * 1000)).toBe(true);
  for (const c of clients) expect(closeCode(c.received())).toBe(1001);
  figures.push(`stalled frames cut by the idle timeout after ${((Date.now() - started) / 1000).toFixed(1)} s more`);
}, 30000);

test('fragmented messages: 2000 one-byte fragments are one message; fragments over the limit are 1009', async () => {
  const fragments = [];
  for (let i = 0; i < 2000; i++) {
    const opts = { opcode: i === 0 ? 2 : 0, fin: i === 1999 };
    fragments.push(frameHeader(1, opts), Buffer.from([i & 255]));
  }
  const received = sink.received;
  const fine = rawClient(bridge.port);
  await fine.connected;
  fine.socket.write(Buffer.concat([Buffer.from(upgradeRequest(`/?target=${target(sink)}`)), ...fragments]));
  expect(await eventually(() => sink.received === received + 2000)).toBe(true);
  fine.socket.destroy();

  const over = [frameHeader(MiB / 2, { opcode: 2, fin: false }), Buffer.alloc(MiB / 2),
    frameHeader(MiB / 2, { opcode: 0, fin: false }), Buffer.alloc(MiB / 2), frameHeader(16, { opcode: 0, fin: true }), Buffer.alloc(16)];
  const reply = await rawExchange(bridge.port, Buffer.concat([Buffer.from(upgradeRequest(`/?target=${target(sink)}`)), ...over]));
  expect(closeCode(reply.bytes)).toBe(1009);
});

test('slowloris: 100 partial requests from one address; 64 are held at most the handshake timeout, the rest dropped', async () => {
  const clients = Array.from({ length: 100 }, () => rawClient(bridge.port, { localAddress: '127.0.3.1' }));
  await Promise.all(clients.map((c) => c.connected));
  const started = Date.now();
  let line = 0;
  const drip = setInterval(() => { // a header line every 300 ms, never the blank line
    for (const c of clients) if (!c.socket.destroyed) c.socket.write(line === 0 ? 'GET /?target=x:1 HTTP/1.1\r\n' : `X-Slow-${line}: 1\r\n`);
    line++;
  }, 300);
  try {
    expect(await eventually(() => clients.filter((c) => c.closedAt).length >= 36, 1000)).toBe(true);
    await stillServing('during slowloris (other address)');
    expect(await within(Promise.all(clients.map((c) => c.closed)), (HANDSHAKE_S + 2) * 1000)).toBe(true);
  } finally {
    clearInterval(drip);
  }
  const times = clients.map((c) => c.closedAt - started).sort((a, b) => a - b);
  figures.push(`slowloris x100 from one address: ${times.filter((t) => t < 1000).length} dropped at once, `
    + `last cut after ${(times[99] / 1000).toFixed(1)} s`);
  expect(times[99]).toBeLessThan((HANDSHAKE_S + 1.5) * 1000);
}, 20000);

test('500 idle WebSockets (10 addresses): all bridged, the 65th from one address is refused, all closed by the idle timeout', async () => {
  const before = bridge.rss();
  const open = (localAddress) => new Promise((resolve) => {
    const ws = new WebSocket(bridge.url(target(sink)), { localAddress });
    ws.on('open', () => resolve({ ws, status: 'open' }));
    ws.on('unexpected-response', (req, res) => { resolve({ ws, status: res.statusCode }); req.destroy(); });
    ws.on('error', () => resolve({ ws, status: 'error' }));
  });
  const idle = await Promise.all(Array.from({ length: 500 }, (_, i) => open(`127.0.4.${1 + (i % 10)}`)));
  expect(idle.filter((c) => c.status === 'open').length).toBe(500);
  expect(await eventually(() => sink.live.size >= 500)).toBe(true);
  const extra = await Promise.all(Array.from({ length: 20 }, () => open('127.0.4.1'))); // 50 + 20 > 64
  expect(extra.map((c) => c.status).sort()).toEqual([...Array(6).fill(503), ...Array(14).fill('open')]);
  expect(await eventually(() => sink.live.size === 514)).toBe(true);
  figures.push(`500 idle WebSockets: RSS +${mib(bridge.rss() - before)}, target connections ${sink.live.size}`);
  await stillServing('with 514 idle WebSockets open');
  const closed = [...idle, ...extra].filter((c) => c.status === 'open')
    .map(({ ws }) => new Promise((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve(1001) : ws.on('close', resolve))));
  const started = Date.now();
  expect(await within(Promise.all(closed), (IDLE_S + 3) * 1000)).toBe(true);
  expect((await Promise.all(closed)).every((code) => code === 1001)).toBe(true);
  expect(await eventually(() => sink.live.size === 0)).toBe(true);
  figures.push(`idle timeout closed 514 WebSockets and their TCP connections within ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 40000);

test('clients that never read, against a target that writes without end: bounded by backpressure', async () => {
  const before = bridge.rss();
  const clients = Array.from({ length: 20 }, (_, i) => rawClient(bridge.port, { localAddress: `127.0.5.${1 + (i % 2)}` }));
  for (const c of clients) {
    await c.connected;
    c.socket.write(upgradeRequest(`/?target=${target(fast)}`));
    c.socket.pause(); // and never reads
  }
  await new Promise((r) => setTimeout(r, 2000));
  const grown = bridge.rss() - before;
  figures.push(`20 clients that never read, fast target: RSS +${mib(grown)} after 2 s`);
  expect(grown).toBeLessThan(20 * 2 * MiB + 32 * MiB);
  await stillServing('while 20 clients do not read');
  for (const c of clients) c.socket.destroy();
}, 20000);

test('clients that write without end to a target that never reads: the bridge stops reading them', async () => {
  const before = bridge.rss();
  const clients = await Promise.all(Array.from({ length: 10 }, () => new Promise((resolve) => {
    const ws = new WebSocket(bridge.url(target(deaf)));
    ws.on('error', () => {});
    ws.on('open', () => resolve(ws));
  })));
  const chunk = Buffer.alloc(64 * 1024, 1);
  const pump = setInterval(() => { // keep 8 MiB queued on each client's side
    for (const ws of clients) while (ws.readyState === WebSocket.OPEN && ws.bufferedAmount < 8 * MiB) ws.send(chunk);
  }, 20);
  try {
    await new Promise((r) => setTimeout(r, 2000));
  } finally {
    clearInterval(pump);
  }
  const grown = bridge.rss() - before;
  const queued = clients.reduce((n, ws) => n + ws.bufferedAmount, 0);
  figures.push(`10 clients writing to a target that never reads: RSS +${mib(grown)} after 2 s, ${mib(queued)} left queued in the clients`);
  expect(queued).toBeGreaterThan(10 * 4 * MiB); // the bridge pushed back instead of taking it all
  expect(grown).toBeLessThan(10 * 2 * MiB + 32 * MiB);
  await stillServing('while 10 clients write to a deaf target');
  for (const ws of clients) ws.terminate();
}, 20000);

test('a fast target and a slow client: the stream arrives whole and in order, memory bounded', async () => {
  const before = bridge.rss();
  const ws = new WebSocket(bridge.url(target(fast)));
  let offset = 0, intact = true, peak = 0;
  ws.on('message', (data) => {
    if (intact && !data.equals(patternAt(offset, data.length))) {
      // the pattern repeats every 251 bytes; compare in pieces for messages longer than it holds
      for (let at = 0; at < data.length; at += 65536) {
        const piece = data.subarray(at, at + 65536);
        if (!piece.equals(patternAt(offset + at, piece.length))) intact = false;
      }
    }
    offset += data.length;
  });
  await new Promise((resolve) => ws.on('open', resolve));
  for (let i = 0; i < 10; i++) { // reads 100 ms out of every 300
    ws.pause();
    await new Promise((r) => setTimeout(r, 200));
    peak = Math.max(peak, bridge.rss() - before);
    ws.resume();
    await new Promise((r) => setTimeout(r, 100));
  }
  ws.terminate();
  figures.push(`fast target, slow client: ${mib(offset)} received intact=${intact}, RSS peak +${mib(peak)}`);
  expect(intact).toBe(true);
  expect(offset).toBeGreaterThan(MiB);
  // What moves is garbage collected late (hundreds of MiB pass); without backpressure the
  // bridge would hold what the slow client has not read yet.
  expect(peak).toBeLessThan(64 * MiB);
}, 20000);
