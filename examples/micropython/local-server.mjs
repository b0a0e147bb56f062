// What both examples talk to, all on loopback: a fresh test CA (tests/certs/make-certs.sh) and
// `openssl s_server -www` with its localhost certificate. stop() ends the server.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSServer } from '../shared/openssl-s-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const certs = `${root}build/micropython-example-certs`;

export async function startLocalServer() {
  execFileSync(`${root}tests/certs/make-certs.sh`, [certs], { stdio: 'ignore' });
  const server = await startSServer(['-www', '-cert', `${certs}/server.crt`, '-key', `${certs}/server.key`]);
  return {
    port: server.port,
    caDer: new Uint8Array(readFileSync(`${certs}/ca.der`)),
    stop: server.stop,
  };
}
