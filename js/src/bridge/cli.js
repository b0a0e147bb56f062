#!/usr/bin/env node
// wasm-ssl-bridge --listen 127.0.0.1:8080 --allow localhost:4433 [--allow host:port ...]
//                 [--origin https://example.org ...]
// Runs the WebSocket→TCP bridge until interrupted. Nothing is allowed unless listed.
import { startBridge, normalizeTarget } from './index.js';

function parse(argv) {
  const opts = { allow: [], origins: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--listen' && value) {
      const n = normalizeTarget(value);
      if (!n) throw new Error(`--listen: expected host:port, got ${value}`);
      const at = n.lastIndexOf(':');
      opts.host = n.slice(0, at).replace(/^\[|\]$/g, '');
      opts.port = Number(n.slice(at + 1));
      i++;
    } else if (flag === '--allow' && value) { opts.allow.push(value); i++; }
    else if (flag === '--origin' && value) { opts.origins.push(value); i++; }
    else throw new Error(`unknown argument ${flag}\nusage: wasm-ssl-bridge --listen host:port --allow host:port [--allow ...] [--origin url ...]`);
  }
  if (opts.allow.length === 0) throw new Error('nothing to bridge to: give at least one --allow host:port');
  if (opts.origins.length === 0) delete opts.origins;
  return opts;
}

try {
  const bridge = await startBridge(parse(process.argv.slice(2)));
  const { address, port } = bridge.address();
  console.error(`wasm-ssl bridge: listening on ${address}:${port}, allowed: ${[...bridge.allowed].join(', ')}`);
  const stop = () => bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`wasm-ssl bridge: ${err.message}`);
  process.exit(2);
}
