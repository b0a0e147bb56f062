// Makes the test certificates once per run (tests/certs/make-certs.sh; nothing in git).
import { execFileSync } from 'node:child_process';
import { certDir, repoRoot } from './paths.js';

export default function globalSetup() {
  execFileSync(`${repoRoot}/tests/certs/make-certs.sh`, [certDir], { stdio: 'inherit' });
}
