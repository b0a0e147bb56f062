// A wasm build of the engine measured through its raw C ABI (js/src/engine): the same three
// measurements as bench/native/engine_bench.cpp, with the client and the server in one thread
// over bench/lib/byte-pipe.mjs. Every call crosses JS→wasm and every TLS byte wasm→JS→wasm.
import { WANT_READ, WANT_WRITE } from '../../js/src/engine/abi.js';
import { bytePipe } from './byte-pipe.mjs';
import { certBytes } from './certs.mjs';

const isWant = (r) => r === WANT_READ || r === WANT_WRITE;

function fail(engine, what, code) {
  throw new Error(`${engine.runtime}: ${what}: ${code} ${engine.errorName(code)}`);
}

function configure(engine, scenario) {
  const x = engine.exports;
  const client = x.wssl_config_new(0), server = x.wssl_config_new(1);
  engine.withBytes(certBytes(scenario.ca), (p, n) => {
    if (x.wssl_config_add_ca(client, p, n) !== 1) fail(engine, 'add_ca', -1);
  });
  engine.withBytes(certBytes(scenario.cert), (cp, cn) => engine.withBytes(certBytes(scenario.key),
    (kp, kn) => {
      const r = x.wssl_config_set_own_cert(server, cp, cn, kp, kn);
      if (r !== 0) fail(engine, 'set_own_cert', r);
    }));
  for (const cfg of [client, server]) {
    const r = x.wssl_config_set_versions(cfg, scenario.minVersion, scenario.maxVersion);
    if (r !== 0) fail(engine, 'set_versions', r);
    if (scenario.ciphers) {
      const c = engine.withCString(scenario.ciphers, (p) => x.wssl_config_set_ciphers(cfg, p));
      if (c !== 0) fail(engine, `set_ciphers ${scenario.ciphers}`, c);
    }
  }
  return { client, server };
}

// A client connection in `ce` and a server connection in `se` (the same or two instances).
class Pair {
  constructor(ce, se, clientConfig, serverConfig, hostPtr) {
    const [a, b] = bytePipe();
    this.ce = ce; this.se = se;
    this.client = ce.exports.wssl_conn_new(clientConfig, ce.addStream(a), hostPtr);
    this.server = se.exports.wssl_conn_new(serverConfig, se.addStream(b), 0);
    if (this.client <= 0) fail(ce, 'conn_new client', this.client);
    if (this.server <= 0) fail(se, 'conn_new server', this.server);
    this.cr = this.sr = WANT_READ;
  }

  step() {
    if (isWant(this.cr)) this.cr = this.ce.exports.wssl_handshake(this.client);
    if (isWant(this.sr)) this.sr = this.se.exports.wssl_handshake(this.server);
    if (!isWant(this.cr) && this.cr !== 0) fail(this.ce, 'client handshake', this.cr);
    if (!isWant(this.sr) && this.sr !== 0) fail(this.se, 'server handshake', this.sr);
    return this.cr === 0 && this.sr === 0;
  }

  handshake() {
    for (let i = 0; i < 1000; i++) if (this.step()) return;
    throw new Error('handshake did not finish');
  }

  negotiated() {
    const x = this.ce.exports;
    return { version: this.ce.string(x.wssl_version(this.client)),
      cipher: this.ce.string(x.wssl_cipher(this.client)) };
  }

  closeClient() { if (this.ce.exports.wssl_close(this.client) !== 0) throw new Error('close'); }
  closeServer() { if (this.se.exports.wssl_close(this.server) !== 0) throw new Error('close'); }
}

// One message each way, so that a TLS 1.3 client has taken in its session ticket.
function pingPong(pair, cbuf, sbuf) {
  for (const [from, fe, to, te, buf, tbuf] of [
    [pair.client, pair.ce, pair.server, pair.se, cbuf, sbuf],
    [pair.server, pair.se, pair.client, pair.ce, sbuf, cbuf]]) {
    if (fe.exports.wssl_write(from, buf, 4) !== 4) throw new Error('write');
    let r = WANT_READ;
    for (let i = 0; i < 10 && isWant(r); i++) r = te.exports.wssl_read(to, tbuf, 64);
    if (r !== 4) fail(te, 'read', r);
  }
}

const hostnames = new WeakMap();
function hostname(engine) {  // "localhost" in module memory, once per instance
  if (!hostnames.has(engine)) {
    const bytes = new TextEncoder().encode('localhost\0');
    const p = engine.exports.wssl_alloc(bytes.length);
    engine.heap.set(bytes, p);
    hostnames.set(engine, p);
  }
  return hostnames.get(engine);
}

/** One full handshake in a fresh instance: milliseconds, configs included. */
export function firstHandshakeMs(engine, scenario) {
  const start = performance.now();
  const cfg = configure(engine, scenario);
  const p = new Pair(engine, engine, cfg.client, cfg.server, hostname(engine));
  p.handshake();
  const ms = performance.now() - start;
  p.closeClient(); p.closeServer();
  return ms;
}

/** Sequential full handshakes (chain verified by the client) for about `seconds`. */
export function handshakes(engine, scenario, seconds) {
  const cfg = configure(engine, scenario);
  const host = hostname(engine);
  const once = () => {
    const p = new Pair(engine, engine, cfg.client, cfg.server, host);
    p.handshake();
    if (engine.exports.wssl_verify_flags(p.client) !== 0) throw new Error('chain not verified');
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
  const x = engine.exports;
  const cfg = configure(engine, scenario);
  const p = new Pair(engine, engine, cfg.client, cfg.server, hostname(engine));
  p.handshake();
  const out = x.wssl_alloc(chunk), inp = x.wssl_alloc(chunk);
  const pattern = new Uint8Array(chunk).map((_, i) => (i * 31 + 7) & 0xff);
  engine.heap.set(pattern, out);
  let sent = 0, received = 0;
  const start = performance.now();
  while (received < total) {
    if (sent < total) {
      for (let off = 0; off < chunk;) {  // one application write, maybe in several calls
        const r = x.wssl_write(p.client, out + off, chunk - off);
        if (r <= 0) fail(engine, 'write', r);
        off += r;
      }
      sent += chunk;
    }
    for (;;) {
      const r = x.wssl_read(p.server, inp, chunk);
      if (r === WANT_READ) break;
      if (r <= 0) fail(engine, 'read', r);
      // A cheap check that the bytes are the ones sent, in order (the AEAD did the rest).
      if (engine.heap[inp] !== pattern[received % chunk]) throw new Error('data mismatch');
      received += r;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const negotiated = p.negotiated();
  p.closeClient(); p.closeServer();
  x.wssl_free(out); x.wssl_free(inp);
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
  const cbuf = ce.exports.wssl_alloc(64), sbuf = se.exports.wssl_alloc(64);
  ce.heap.set(new TextEncoder().encode('ping'), cbuf);
  se.heap.set(new TextEncoder().encode('pong'), sbuf);
  const host = hostname(ce);
  const warm = new Pair(ce, se, ccfg, scfg, host);
  warm.handshake(); pingPong(warm, cbuf, sbuf); warm.closeClient(); warm.closeServer();
  const heap0 = { c: ce.exports.wssl_heap_stats(0), s: se.exports.wssl_heap_stats(0) };
  const mem0 = { c: ce.exports.memory.buffer.byteLength, s: se.exports.memory.buffer.byteLength };
  const start = performance.now();
  const pairs = [];
  for (let i = 0; i < n; i++) pairs.push(new Pair(ce, se, ccfg, scfg, host));
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
    heap_client_total: ce.exports.wssl_heap_stats(0) - heap0.c,
    heap_server_total: se.exports.wssl_heap_stats(0) - heap0.s,
    memory_client_instance: ce.exports.memory.buffer.byteLength,
    memory_server_instance: se.exports.memory.buffer.byteLength,
    memory_server_growth: se.exports.memory.buffer.byteLength - mem0.s,
    ...pairs[0].negotiated(),
  };
  const closeStart = performance.now();
  for (const p of pairs) { p.closeClient(); p.closeServer(); }
  result.close_seconds = (performance.now() - closeStart) / 1000;
  result.heap_after_close = { client: ce.exports.wssl_heap_stats(0) - heap0.c,
    server: se.exports.wssl_heap_stats(0) - heap0.s };
  return result;
}
