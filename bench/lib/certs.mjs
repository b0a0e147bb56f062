// The benchmark's certificates: the test suite's own, made by tests/certs/make-certs.sh at run
// time (the same CA, ECDSA P-256 chain through an intermediate, RSA-2048 server).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const certDir = process.env.WSSL_CERT_DIR || `${repoRoot}/build/certs`;

export function makeCerts() {
  execFileSync(`${repoRoot}/tests/certs/make-certs.sh`, [certDir], { stdio: 'inherit' });
}

const cache = new Map();
export function certBytes(name) {
  if (!cache.has(name)) cache.set(name, new Uint8Array(readFileSync(`${certDir}/${name}`)));
  return cache.get(name);
}
