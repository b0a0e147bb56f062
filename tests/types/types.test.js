// The TypeScript declarations (js/index.d.ts, js/bridge.d.ts) compile, strictly, together with
// a usage file written against the documented API.
import { execFile } from 'node:child_process';
import { repoRoot } from '../support/paths.js';

test('the declarations type-check a typical use of the package', async () => {
  const result = await new Promise((resolve) => {
    execFile(process.execPath, [`${repoRoot}/node_modules/typescript/bin/tsc`, '--noEmit', '--strict',
      '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
      '--lib', 'es2022,dom', '--types', 'node', `${repoRoot}/tests/types/usage.ts`],
    { timeout: 60000 }, (err, stdout) => resolve({ code: err ? err.code : 0, stdout }));
  });
  expect(result.stdout).toBe('');
  expect(result.code).toBe(0);
}, 70000);
