// A wasm build of the engine measured through the raw wrapper of its C ABI
// (js/src/engine/raw.js): the same three measurements as bench/native/engine_bench.cpp, with the
// client and the server in one thread over bench/lib/byte-pipe.mjs. Every call crosses JS→wasm
// and every TLS byte wasm→JS→wasm; application data stays in engine memory (readAt/writeAt).
import { WANT_READ, WANT_WRITE, CLIENT, SERVER } from '../../js/src/engine/abi.js';
import { RawEngine } from '../../js/src/engine/raw.js';
import { bytePipe } from './byte-pipe.mjs';
import { certBytes } from './certs.mjs';

const isWant = (r) => r === WANT_READ || r === WANT_WRITE;

function fail(raw, what, code) {
  throw new Error(`${raw.runtime}: ${what}: ${code} ${raw.errorName(code)}`);
}

const raws = new WeakMap();
function rawOf(engine) {  // one wrapper per instance
  if (!raws.has(engine)) raws.set(engine, new RawEngine(engine));
  return raws.get(engine);
}

function configure(engine, scenario) {
  const raw = rawOf(engine);
  const client = raw.newConfig(CLIENT), server = raw.newConfig(SERVER);
  if (client.addCa(certBytes(scenario.ca)) !== 1) fail(raw, 'add_ca', -1);
  const r = server.setOwnCert(certBytes(scenario.cert), certBytes(scenario.key));
  if (r !== 0) fail(raw, 'set_own_cert', r);
  for (const cfg of [client, server]) {
    const v = cfg.setVersions(scenario.minVersion, scenario.maxVersion);
    if (v !== 0) fail(raw, 'set_versions', v);
    if (scenario.ciphers) {
      const c = cfg.setCiphers(scenario.ciphers);
      if (c !== 0) fail(raw, `set_ciphers ${scenario.ciphers}`, c);
    }
  }
  return { client, server };
}

// A client connection in `ce` and a server connection in `se` (the same or two instances).
class Pair {
  constructor(ce, se, clientConfig, serverConfig) {
    const [a, b] = bytePipe();
    this.client = clientConfig.connect(a, 'localhost');
    this.server = serverConfig.connect(b);
    if (typeof this.client === 'number') fail(rawOf(ce), 'conn_new client', this.client);
    if (typeof this.server === 'number') fail(rawOf(se), 'conn_new server', this.server);
    this.cr = this.sr = WANT_READ;
  }

  step() {
    if (isWant(this.cr)) this.cr = this.client.handshake();
    if (isWant(this.sr)) this.sr = this.server.handshake();
    if (!isWant(this.cr) && this.cr !== 0) fail(this.client.raw, 'client handshake', this.cr);
    if (!isWant(this.sr) && this.sr !== 0) fail(this.server.raw, 'server handshake', this.sr);
    return this.cr === 0 && this.sr === 0;
  }

  handshake() {
    for (let i = 0; i < 1000; i++) if (this.step()) return;
    throw new Error('handshake did not finish');
  }

  negotiated() { return { version: this.client.version(), cipher: this.client.cipher() }; }

  closeClient() { if (this.client.close() !== 0) throw new Error('close'); }
  closeServer() { if (this.server.close() !== 0) throw new Error('close'); }
}

// One message each way, so that a TLS 1.3 client has taken in its session ticket.
function pingPong(pair, cbuf, sbuf) {
  for (const [from, to, buf, tbuf] of [[pair.client, pair.server, cbuf, sbuf], [pair.server, pair.client, sbuf, cbuf]]) {
    if (from.writeAt(buf, 4) !== 4) throw new Error('write');
    let r = WANT_READ;
    for (let i = 0; i < 10 && isWant(r); i++) r = to.readAt(tbuf, 64);
    if (r !== 4) fail(to.raw, 'read', r);
  }
}

/** One full handshake in a fresh instance: milliseconds, configs included. */
export function firstHandshakeMs(engine, scenario) {
  const start = performance.now();
  const cfg = configure(engine, scenario);
  const p = new Pair(engine, engine, cfg.client, cfg.server);
  p.handshake();
  const ms = performance.now() - start;
  p.closeClient(); p.closeServer();
  return ms;
}

/** Sequential full handshakes (chain verified by the client) for about `seconds`. */
export function handshakes(engine, scenario, seconds) {
  const cfg = configure(engine, scenario);
  const once = () => {
    const p = new Pair(engine, engine, cfg.client, cfg.server);
    p.handshake();
    if (p.client.verifyFlags() !== 0) throw new Error('chain not verified');
    return p;
  };
  for (let i = 0; i < 3; i++) { const p = once(); p.closeClient(); p.closeServer(); }
  let count = 0, negotiated = null;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000 || count < 3) {
    const p = once();
    if (!negotiated) negotiated = p.negotiated();
    p.closeClient(); p.closeServer();
    count++;
    elapsed = performance.now() - start;
  }
  return { count, seconds: elapsed / 1000, ...negotiated };
}

/** `total` bytes client→server in application writes of `chunk` bytes. */
export function bulk(engine, scenario, total, chunk) {
  const raw = rawOf(engine);
  const cfg = configure(engine, scenario);
  const p = new Pair(engine, engine, cfg.client, cfg.server);
  p.handshake();
  const out = raw.alloc(chunk), inp = raw.alloc(chunk);
  const pattern = new Uint8Array(chunk).map((_, i) => (i * 31 + 7) & 0xff);
  engine.heap.set(pattern, out);
  let sent = 0, received = 0;
  const start = performance.now();
  while (received < total) {
    if (sent < total) {
      for (let off = 0; off < chunk;) {  // one application write, maybe in several calls
        const r = p.client.writeAt(out + off, chunk - off);
        if (r <= 0) fail(p.client.raw, 'write', r);
        off += r;
      }
      sent += chunk;
    }
    for (;;) {
      const r = p.server.readAt(inp, chunk);
      if (r === WANT_READ) break;
      if (r <= 0) fail(p.server.raw, 'read', r);
      // A cheap check that the bytes are the ones sent, in order (the AEAD did the rest).
      if (engine.heap[inp] !== pattern[received % chunk]) throw new Error('data mismatch');
      received += r;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const negotiated = p.negotiated();
  p.closeClient(); p.closeServer();
  raw.free(out); raw.free(inp);
  return { bytes: received, seconds, ...negotiated };
}

/**
 * `n` established, idle connections: the servers in instance `se`, their clients in `ce`
 * (another instance, so each side's memory is its own). Returns the time to set them all up
 * (handshakes advancing in turn, as an event loop would drive them) and the memory they hold:
 * heap bytes allocated by mbedtls and the engine (wssl_heap_stats) and linear memory size.
 */
export function idle(ce, se, scenario, n) {
  const ccfg = configure(ce, scenario).client, scfg = configure(se, scenario).server;
  const cbuf = rawOf(ce).alloc(64), sbuf = rawOf(se).alloc(64);
  ce.heap.set(new TextEncoder().encode('ping'), cbuf);
  se.heap.set(new TextEncoder().encode('pong'), sbuf);
  const warm = new Pair(ce, se, ccfg, scfg);
  warm.handshake(); pingPong(warm, cbuf, sbuf); warm.closeClient(); warm.closeServer();
  const heap0 = { c: rawOf(ce).heapStats(0), s: rawOf(se).heapStats(0) };
  const mem0 = { c: ce.exports.memory.buffer.byteLength, s: se.exports.memory.buffer.byteLength };
  const start = performance.now();
  const pairs = [];
  for (let i = 0; i < n; i++) pairs.push(new Pair(ce, se, ccfg, scfg));
  for (let done = false, rounds = 0; !done; rounds++) {
    if (rounds > 1000) throw new Error('handshakes did not finish');
    done = true;
    for (const p of pairs) done = p.step() && done;
  }
  for (const p of pairs) pingPong(p, cbuf, sbuf);
  const establishSeconds = (performance.now() - start) / 1000;
  const result = {
    connections: n,
    establish_seconds: establishSeconds,
    heap_client_total: rawOf(ce).heapStats(0) - heap0.c,
    heap_server_total: rawOf(se).heapStats(0) - heap0.s,
    memory_client_instance: ce.exports.memory.buffer.byteLength,
    memory_server_instance: se.exports.memory.buffer.byteLength,
    memory_server_growth: se.exports.memory.buffer.byteLength - mem0.s,
    ...pairs[0].negotiated(),
  };
  const closeStart = performance.now();
  for (const p of pairs) { p.closeClient(); p.closeServer(); }
  result.close_seconds = (performance.now() - closeStart) / 1000;
  result.heap_after_close = { client: rawOf(ce).heapStats(0) - heap0.c,
    server: rawOf(se).heapStats(0) - heap0.s };
  return result;
}
