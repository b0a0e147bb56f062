// Leaks, through the public API in one wasm instance per build: 10,000 client
// wrap_socket/handshake/close cycles, then 1,000 server ones, with the engine's heap (in use
// and high-water mark, wssl_heap_stats) and the wasm memory size flat after a warm-up. The
// figures go to build/reports/leaks.md.
//
// Shape (to stay within the test budget): the client cycles connect to a Node TLS server and
// resume a TLS 1.2 session with a ticket, so the wasm side does a real abbreviated handshake
// with symmetric cryptography only; every 100th cycle is a full handshake with the certificate
// chain verified (CERT_REQUIRED) and saves a fresh session. The server cycles are full
// handshakes (ECDHE, ECDSA signature) for a Node TLS client.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { certFile, repoRoot } from '../support/paths.js';
import { RUNTIMES, loadSsl, clientOptions, serverOptions } from '../support/ssl.js';

const CLIENT_CYCLES = 10000, SERVER_CYCLES = 1000, BLOCKS = 10, WARM_UP = 200;
const pem = (name) => Buffer.from(certFile(name));
const reportFile = `${repoRoot}/build/reports/leaks.md`;

/** Runs `blocks` blocks of `cycles / blocks` cycles after a warm-up; the heap and memory per block. */
async function measure(ssl, cycles, cycle) {
  const stats = (which) => ssl.engine.exports.wssl_heap_stats(which);
  const memory = () => ssl.engine.exports.memory.buffer.byteLength;
  for (let i = 0; i < WARM_UP; i++) await cycle(i);
  const warm = { inUse: stats(0), memory: memory() };
  const blocks = [];
  const started = Date.now();
  for (let b = 0; b < BLOCKS; b++) {
    stats(2); // high-water mark := what is in use now
    for (let i = 0; i < cycles / BLOCKS; i++) await cycle(i);
    blocks.push({ inUse: stats(0), peak: stats(1), memory: memory() });
  }
  return { warm, blocks, seconds: (Date.now() - started) / 1000 };
}

function expectFlat(m) {
  for (const block of m.blocks) {
    expect(block.inUse).toBe(m.warm.inUse); // every connection gave back everything
    expect(block.memory).toBe(m.warm.memory); // the wasm memory did not grow
  }
  const peaks = m.blocks.map((b) => b.peak);
  expect(Math.max(...peaks)).toBe(Math.min(...peaks)); // the high-water mark is flat
}

beforeAll(() => {
  mkdirSync(`${repoRoot}/build/reports`, { recursive: true });
  writeFileSync(reportFile, '# Leak test (tests/hardening/leaks.test.js)\n\n');
});

function report(title, m, extra) {
  const peaks = m.blocks.map((b) => b.peak);
  appendFileSync(reportFile, `- ${title}: ${extra.cycles} cycles in ${m.seconds.toFixed(1)} s ` +
    `(${(1000 * m.seconds / extra.cycles).toFixed(2)} ms each); engine heap in use ${m.warm.inUse} B after warm-up and ` +
    `after every block; high-water mark per block ${Math.min(...peaks)}..${Math.max(...peaks)} B; wasm memory ` +
    `${m.warm.memory} B throughout${extra.note ? `; ${extra.note}` : ''}\n`);
}

describe.each(RUNTIMES)('%s build, one instance', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });
  afterAll(() => expect(ssl.engine.streams.size).toBe(0)); // no host stream left registered

  test(`${CLIENT_CYCLES} client cycles: heap and memory flat after warm-up`, async () => {
    const server = tls.createServer({ key: pem('server.key'), cert: pem('server.crt'), maxVersion: 'TLSv1.2' },
      (sock) => { sock.on('error', () => {}); sock.end(); });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    let session = null, resumed = 0, full = 0;
    const cycle = async (i) => {
      const offer = i % 100 === 0 ? null : session;
      const s = await ssl.wrap_socket(net.connect(server.address().port, '127.0.0.1'),
        clientOptions(ssl, offer ? { session: offer } : {}));
      if (s.session_reused()) resumed++;
      else { full++; session = s.session(); }
      await s.close();
    };
    try {
      const m = await measure(ssl, CLIENT_CYCLES, cycle);
      report(`${runtime}, client`, m, { cycles: CLIENT_CYCLES, note: `${resumed} resumed, ${full} full handshakes (warm-up included)` });
      expectFlat(m);
      expect(full).toBe((WARM_UP + CLIENT_CYCLES) / 100); // the shape is what it says: only every 100th is full
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 180000);

  test(`${SERVER_CYCLES} server cycles (full handshakes): heap and memory flat after warm-up`, async () => {
    const failures = [];
    let serverDone = null; // resolves when the wasm side of the current cycle has closed
    const server = net.createServer((sock) => {
      const done = serverDone;
      ssl.wrap_socket(sock, serverOptions()).then((s) => s.close(), (err) => failures.push(err)).finally(done);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const cycle = async () => {
      const handled = new Promise((resolve) => { serverDone = resolve; });
      await new Promise((resolve, reject) => {
        const c = tls.connect({ host: '127.0.0.1', port: server.address().port, servername: 'localhost', ca: pem('ca.crt') });
        c.on('secureConnect', () => c.end());
        c.on('error', reject);
        c.on('close', resolve);
      });
      await handled;
    };
    try {
      const m = await measure(ssl, SERVER_CYCLES, cycle);
      report(`${runtime}, server`, m, { cycles: SERVER_CYCLES });
      expect(failures).toEqual([]);
      expectFlat(m);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 180000);
});
