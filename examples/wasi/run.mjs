// The WASI command example end to end: a local openssl s_server (TLS 1.3, a fresh test CA),
// a TCP connection to it handed to https_client.wasm as its stdin/stdout under node:wasi, and
// what the program reports.
//   node examples/wasi/run.mjs [CA_FILE [HOSTNAME]]
//     CA_FILE   default ca.crt; other-ca.crt shows a refusal (not signed by the trusted CA)
//     HOSTNAME  default localhost; wrong.example shows a hostname mismatch
// Exit status: the program's (0 fetched, 1 TLS or transport failure, 2 bad usage).
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const certs = `${root}build/wasi-example-certs`;
const [caFile = 'ca.crt', hostname = 'localhost'] = process.argv.slice(2);
execFileSync(`${root}tests/certs/make-certs.sh`, [certs], { stdio: 'ignore' });

const children = [];
const server = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-tls1_3', '-www',
  '-cert', `${certs}/server.crt`, '-key', `${certs}/server.key`], { stdio: ['ignore', 'pipe', 'ignore'] });
children.push(server);
const deadline = setTimeout(() => {
  console.error('timed out');
  for (const child of children) child.kill();
  process.exit(1);
}, 20000);
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
  console.log(`openssl s_server (TLS 1.3) on 127.0.0.1:${port}; https_client.wasm trusts ${caFile}, ` +
    `expects ${hostname}\n`);
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  // The child gets the socket itself as fd 0 and 1; this process no longer touches it.
  const client = spawn(process.execPath, ['--disable-warning=ExperimentalWarning',
    fileURLToPath(new URL('wasi-host.mjs', import.meta.url)),
    certs, caFile, hostname], { stdio: [socket, socket, 'inherit'] });
  children.push(client);
  socket.destroy();
  const code = await new Promise((resolve) => client.on('exit', (c) => resolve(c ?? 1)));
  console.log(`\nhttps_client exited with ${code}`);
  process.exitCode = code;
} finally {
  clearTimeout(deadline);
  server.kill();
}
