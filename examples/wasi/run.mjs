// The WASI command example end to end: a local openssl s_server (TLS 1.3, a fresh test CA),
// a TCP connection to it handed to https_client.wasm as its stdin/stdout under node:wasi, and
// what the program reports.
//   node examples/wasi/run.mjs [CA_FILE]   (default ca.crt; other-ca.crt shows a refusal)
// Exit status: the program's.
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const certs = `${root}build/wasi-example-certs`;
const caFile = process.argv[2] || 'ca.crt';
execFileSync(`${root}tests/certs/make-certs.sh`, [certs], { stdio: 'ignore' });

const server = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-tls1_3', '-www',
  '-cert', `${certs}/server.crt`, '-key', `${certs}/server.key`], { stdio: ['ignore', 'pipe', 'ignore'] });
const deadline = setTimeout(() => { console.error('timed out'); server.kill(); process.exit(1); }, 20000);
try {
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = /ACCEPT .*:(\d+)/.exec(seen);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', () => reject(new Error('openssl s_server exited')));
  });
  console.log(`openssl s_server (TLS 1.3) on 127.0.0.1:${port}; https_client.wasm trusts ${caFile}\n`);
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  // The child gets the socket itself as fd 0 and 1; this process no longer touches it.
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning',
    fileURLToPath(new URL('wasi-host.mjs', import.meta.url)),
    certs, caFile, 'localhost'], { stdio: [socket, socket, 'inherit'] });
  socket.destroy();
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  console.log(`\nhttps_client exited with ${code}`);
  process.exitCode = code;
} finally {
  clearTimeout(deadline);
  server.kill();
}
