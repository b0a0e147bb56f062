#!/usr/bin/env node
// wasm-ssl-bridge --listen 127.0.0.1:8080 --allow localhost:4433 [--allow host:port ...]
//                 [--origin https://example.org ...] [--wisp] [limits, see USAGE]
// Runs the WebSocket→TCP bridge until SIGINT/SIGTERM. Nothing is allowed unless listed: no
// target, and no browser Origin (requests without an Origin header, from Node or curl, pass).
// The first stderr line is machine-readable: `wasm-ssl bridge: listening on host:port`.
import { startBridge, DEFAULTS } from './index.js';
import { parseListen, formatAddress } from './target.js';

const USAGE = `usage: wasm-ssl-bridge --listen host:port --allow host:port [--allow ...] [--origin url ...] [--wisp]
  [--max-streams n (${DEFAULTS.maxStreams}, per Wisp WebSocket)]
  [--max-payload bytes (${DEFAULTS.maxPayload})] [--idle-timeout s (${DEFAULTS.idleTimeout / 1000}, 0: none)]
  [--max-connections n (${DEFAULTS.maxConnections})] [--max-per-address n (${DEFAULTS.maxPerAddress})]
  [--handshake-timeout s (${DEFAULTS.handshakeTimeout / 1000})] [--shutdown-timeout s (${DEFAULTS.shutdownTimeout / 1000})]`;

// flag → [option, value in the option's unit]
const NUMBERS = {
  '--max-payload': ['maxPayload', (n) => n],
  '--idle-timeout': ['idleTimeout', (s) => Math.round(s * 1000)],
  '--max-connections': ['maxConnections', (n) => n],
  '--max-per-address': ['maxPerAddress', (n) => n],
  '--max-streams': ['maxStreams', (n) => n],
  '--handshake-timeout': ['handshakeTimeout', (s) => Math.round(s * 1000)],
  '--shutdown-timeout': ['shutdownTimeout', (s) => Math.round(s * 1000)],
};

function parse(argv) {
  const opts = { allow: [], origins: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--wisp') { // the one flag without a value: Wisp (many streams per WebSocket)
      opts.wisp = true;
      continue;
    }
    if (value === undefined) throw new Error(`${flag}: missing value\n${USAGE}`);
    if (flag === '--listen') {
      const at = parseListen(value);
      if (!at) throw new Error(`--listen: expected host:port (port 0: any free port), got ${value}`);
      Object.assign(opts, at);
    } else if (flag === '--allow') opts.allow.push(value);
    else if (flag === '--origin') opts.origins.push(value);
    else if (NUMBERS[flag]) {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${flag}: expected a number, got ${value}`);
      const [name, unit] = NUMBERS[flag];
      opts[name] = unit(n);
    } else throw new Error(`unknown argument ${flag}\n${USAGE}`);
    i++;
  }
  if (opts.allow.length === 0) throw new Error(`nothing to bridge to: give at least one --allow host:port\n${USAGE}`);
  return opts;
}

const say = (line) => console.error(`wasm-ssl bridge: ${line}`);

try {
  const bridge = await startBridge(parse(process.argv.slice(2)));
  const { address, port } = bridge.address();
  const l = bridge.limits;
  say(`listening on ${formatAddress(address, port)}`);
  say(`allowed targets: ${[...bridge.allowed].join(', ')}`);
  say(bridge.origins.size === 0
    ? 'browser origins: none allowed (requests with an Origin header are refused; add --origin to allow a site)'
    : `browser origins allowed: ${[...bridge.origins].join(', ')} (requests without an Origin header are allowed too)`);
  if (bridge.wisp) say(`protocol: Wisp v1, up to ${l.maxStreams} streams per WebSocket, ${l.maxConnections} TCP connections in total`);
  say(`limits: ${l.maxConnections} connections, ${l.maxPerAddress} per address, messages up to ${l.maxPayload} bytes, `
    + `idle timeout ${l.idleTimeout ? `${l.idleTimeout / 1000} s` : 'none'}, handshake timeout ${l.handshakeTimeout / 1000} s`);
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down, ${bridge.connections} connection(s) open`);
    // Bounded even if something does not close: exit 0 in any case.
    setTimeout(() => process.exit(0), l.shutdownTimeout + 1000).unref();
    bridge.shutdown().then(() => { say('stopped'); process.exit(0); });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  say(err.message);
  process.exit(2);
}
