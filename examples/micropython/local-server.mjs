// What both examples talk to, all on loopback: a fresh test CA (tests/certs/make-certs.sh) and
// `openssl s_server -www` with its localhost certificate. stop() ends the server.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const certs = `${root}build/micropython-example-certs`;

export async function startLocalServer() {
  execFileSync(`${root}tests/certs/make-certs.sh`, [certs], { stdio: 'ignore' });
  const child = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-www',
    '-cert', `${certs}/server.crt`, '-key', `${certs}/server.key`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let output = '';
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (b) => {
      output += b;
      const m = /ACCEPT \S+:(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () => reject(new Error(`openssl s_server exited:\n${output}`)));
  });
  return {
    port,
    caDer: new Uint8Array(readFileSync(`${certs}/ca.der`)),
    async stop() {
      child.kill();
      await exited;
    },
  };
}
