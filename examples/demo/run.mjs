#!/usr/bin/env node
// The main demo (`make demo`): a wasm TLS client in Node talks to a real TLS server through a
// WebSocket, the way a browser page would.
//
//   wasm-ssl client (this process) --WebSocket--> bridge --TCP--> openssl s_server
//
// It makes a fresh test CA, starts `openssl s_server` and the bridge on loopback, connects with
// CERT_REQUIRED, prints what was negotiated and verified and the HTTP response, shows a wrong
// host name being refused, then stops everything it started. Bounded in time.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { load } from '../../js/src/index.js';
import { startBridge } from '../../js/src/bridge/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const certs = `${root}build/demo-certs`;
const site = `${root}build/demo-site`;
const TIME_LIMIT_MS = 60000;

const started = [];
const stopAll = async () => {
  for (const stop of started.reverse()) await stop().catch(() => {});
};
const timer = setTimeout(async () => {
  console.error(`demo: gave up after ${TIME_LIMIT_MS / 1000} s`);
  await stopAll();
  process.exit(1);
}, TIME_LIMIT_MS);

function section(title) { console.log(`\n== ${title}`); }

async function startTlsServer() {
  mkdirSync(site, { recursive: true });
  writeFileSync(`${site}/index.html`, '<!doctype html><p>Hello from openssl s_server, through a WebSocket, verified by WebAssembly.</p>\n');
  const child = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-WWW',
    '-cert', `${certs}/server.crt`, '-key', `${certs}/server.key`], { cwd: site, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  started.push(async () => { child.kill(); await exited; });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b) => {
      output += b;
      const m = /ACCEPT \S+:(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.stderr.on('data', (b) => { output += b; });
    child.on('exit', () => reject(new Error(`openssl s_server exited:\n${output}`)));
  });
}

async function main() {
  section('a fresh test CA (tests/certs/make-certs.sh)');
  rmSync(certs, { recursive: true, force: true });
  execFileSync(`${root}tests/certs/make-certs.sh`, [certs], { stdio: 'inherit' });
  console.log(`made in ${certs}`);

  section('servers on loopback');
  const port = await startTlsServer();
  const target = `127.0.0.1:${port}`;
  console.log(`openssl s_server (TLS 1.2 and 1.3) on ${target}`);
  const bridge = await startBridge({ allow: [target], log: (line) => console.log(`bridge: ${line}`) });
  started.push(() => bridge.close());
  console.log(`WebSocket bridge on ${bridge.url()} (allowed: ${target} only)`);

  section('the wasm client');
  const ssl = await load();
  console.log(`${ssl.MBEDTLS_VERSION}, ${ssl.runtime} build`);
  const cadata = new Uint8Array(readFileSync(`${certs}/ca.der`));
  const s = await ssl.wrap_socket(new WebSocket(bridge.url(target), ['binary']), {
    cert_reqs: ssl.CERT_REQUIRED, cadata, server_hostname: 'localhost' });
  const peer = s.getpeercert();
  const verify = s.verify_result();
  console.log(`TLS version:   ${s.version()}`);
  console.log(`cipher:        ${s.cipher()}`);
  console.log(`peer subject:  ${peer.subject}`);
  console.log(`issued by:     ${peer.issuer}`);
  console.log(`valid:         ${peer.not_before} to ${peer.not_after}`);
  console.log(`names:         ${peer.subject_alt_names.join(', ')}`);
  console.log(`verification:  ${verify.verified ? 'OK (chain to the test CA, name "localhost")' : verify.errors.join('; ')}`);

  section('HTTP over that connection');
  await s.write('GET /index.html HTTP/1.0\r\nHost: localhost\r\n\r\n');
  const response = new TextDecoder().decode(await s.read());
  console.log(response.trimEnd());
  await s.close();

  section('the same server under a name it does not have');
  try {
    await ssl.wrap_socket(new WebSocket(bridge.url(target), ['binary']), {
      cert_reqs: ssl.CERT_REQUIRED, cadata, server_hostname: 'example.org' });
    console.log('connected (this must not happen)');
    process.exitCode = 1;
  } catch (err) {
    console.log(`${err.name}: ${err.message}`);
  }
}

try {
  await main();
} catch (err) {
  console.error(`demo failed: ${err.stack || err}`);
  process.exitCode = 1;
} finally {
  await stopAll();
  clearTimeout(timer);
}
