// The bridge's command line (js/src/bridge/cli.js) run as a child process, so that a crash
// is seen as an exit and its memory can be read from /proc; plus raw-socket clients for
// requests no WebSocket library would send.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { repoRoot } from '../../support/paths.js';

const CLI = `${repoRoot}/js/src/bridge/cli.js`;
const running = new Set();
process.on('exit', () => { for (const child of running) child.kill('SIGKILL'); });

/**
 * Starts `wasm-ssl-bridge args…` and waits (bounded) for its startup lines (`listening on host:port` first).
 * @returns {Promise<{ child, port: number, lines: string[], url: (target?: string) => string,
 *   rss: () => number, alive: () => boolean, exited: Promise<{ code, signal }>,
 *   waitFor: (re: RegExp, ms?: number) => Promise<string>, stop: () => Promise<void> }>}
 */
export async function startBridgeProcess(args, { timeout = 10000 } = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  const lines = [];
  const watchers = new Set();
  let rest = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    const parts = (rest + text).split('\n');
    rest = parts.pop();
    for (const line of parts) {
      lines.push(line);
      for (const w of watchers) w(line);
    }
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    running.delete(child);
    for (const w of watchers) w(null); // nothing more will be logged
    resolve({ code, signal });
  }));

  /** Resolves with the first line (already logged or to come) matching `re`; rejects after `ms` or at exit. */
  const waitFor = (re, ms = 5000) => new Promise((resolve, reject) => {
    const found = lines.find((l) => re.test(l));
    if (found) return resolve(found);
    const fail = (why) => { clearTimeout(timer); watchers.delete(watch); reject(new Error(`bridge ${why} ${re}; log:\n${lines.slice(-20).join('\n')}`)); };
    const timer = setTimeout(() => fail('never logged'), ms);
    const watch = (line) => {
      if (line === null) fail('exited without logging');
      else if (re.test(line)) { clearTimeout(timer); watchers.delete(watch); resolve(line); }
    };
    watchers.add(watch);
  });

  const listening = await Promise.race([
    waitFor(/limits: /, timeout).then(() => waitFor(/listening on /)), // the last startup line
    exited.then(({ code }) => { throw new Error(`bridge exited (${code}) at startup:\n${lines.join('\n')}\n${rest}`); }),
  ]).catch(async (err) => {
    const { code } = await Promise.race([exited, new Promise((r) => setTimeout(r, 1000, {}))]);
    throw code === undefined ? err : new Error(`bridge exited (${code}) at startup:\n${lines.join('\n')}\n${rest}`);
  });
  const port = Number(/listening on .*:(\d+)$/.exec(listening)[1]);
  return {
    child,
    port,
    lines,
    waitFor,
    exited,
    url: (target) => `ws://127.0.0.1:${port}/${target ? `?target=${encodeURIComponent(target)}` : ''}`,
    alive: () => child.exitCode === null && child.signalCode === null,
    /** Resident memory of the bridge process, in bytes (VmRSS). */
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) * 1024,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Opens a TCP connection to 127.0.0.1:port, sends `bytes` and resolves with everything
 * received until the bridge closes it, or after `ms` (then { timedOut: true }).
 */
export function rawExchange(port, bytes, { ms = 3000, localAddress } = {}) {
  return new Promise((resolve) => {
    const chunks = [];
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    const done = (how) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), bytes: Buffer.concat(chunks), ...how });
    };
    const timer = setTimeout(() => done({ timedOut: true }), ms);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (err) => done({ error: err.code }));
    socket.on('close', () => done({ closed: true }));
  });
}

/** An HTTP/1.1 WebSocket upgrade request for `path` (e.g. '/?target=h:p'), optionally with an Origin. */
export function upgradeRequest(path, { origin, host = '127.0.0.1' } = {}) {
  return [`GET ${path} HTTP/1.1`, `Host: ${host}`, 'Upgrade: websocket', 'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13',
    ...(origin ? [`Origin: ${origin}`] : []), '', ''].join('\r\n');
}

/** A masked client frame header for a binary frame of `length` bytes (fin: last fragment). */
export function frameHeader(length, { opcode = 2, fin = true } = {}) {
  const first = (fin ? 0x80 : 0) | opcode;
  const mask = Buffer.alloc(4); // an all-zero mask: the payload goes as is
  if (length < 126) return Buffer.concat([Buffer.from([first, 0x80 | length]), mask]);
  if (length < 65536) {
    const h = Buffer.from([first, 0x80 | 126, 0, 0]);
    h.writeUInt16BE(length, 2);
    return Buffer.concat([h, mask]);
  }
  const h = Buffer.alloc(10);
  h[0] = first;
  h[1] = 0x80 | 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return Buffer.concat([h, mask]);
}

/** Polls `predicate` every 20 ms until true; false after `ms`. */
export async function eventually(predicate, ms = 3000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return Boolean(await predicate());
}

/**
 * A raw TCP client to 127.0.0.1:port that stays open: what it received, whether and when it was
 * closed, and the socket to write to (errors are kept, never thrown).
 */
export function rawClient(port, { localAddress } = {}) {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  const client = { socket, chunks: [], closedAt: null, error: null };
  client.connected = new Promise((resolve) => socket.once('connect', resolve));
  client.closed = new Promise((resolve) => socket.on('close', () => { client.closedAt = Date.now(); resolve(); }));
  socket.on('data', (d) => client.chunks.push(d));
  socket.on('error', (err) => { client.error = err.code; });
  client.received = () => Buffer.concat(client.chunks);
  return client;
}

/** Resolves true when `promise` settles within `ms`, false otherwise. */
export function within(promise, ms) {
  let timer;
  return Promise.race([promise.then(() => true), new Promise((r) => { timer = setTimeout(r, ms, false); })])
    .finally(() => clearTimeout(timer));
}

/** The status code of the first close frame (server → client, unmasked) in `bytes`, or null. */
export function closeCode(bytes) {
  const text = bytes.toString('latin1');
  const body = text.indexOf('\r\n\r\n');
  let at = body < 0 ? 0 : body + 4;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at] & 0x0f;
    let length = bytes[at + 1] & 0x7f, header = 2;
    if (length === 126) { length = bytes.readUInt16BE(at + 2); header = 4; }
    else if (length === 127) { length = Number(bytes.readBigUInt64BE(at + 2)); header = 10; }
    if (opcode === 8) return length >= 2 ? bytes.readUInt16BE(at + header) : 1005;
    at += header + length;
  }
  return null;
}
