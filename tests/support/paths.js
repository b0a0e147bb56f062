// Where tests find the repository, the certificates and the built artefacts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const certDir = process.env.WSSL_CERT_DIR || `${repoRoot}/build/certs`;
export const distDir = `${repoRoot}/js/dist`;

/** The bytes of a file made by make-certs.sh. */
export function certFile(name) {
  return new Uint8Array(readFileSync(`${certDir}/${name}`));
}
