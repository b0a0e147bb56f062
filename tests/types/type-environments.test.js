// The declarations compile strictly with skipLibCheck off in each environment a user may have:
// with and without @types/node, with and without the DOM lib (lib es2023 alone is a Node
// project's; DOM without @types/node a browser project's). wasm-ssl/bridge is Node-only, so it
// is checked where @types/node is.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/paths.js';

function tsc(project) {
  return new Promise((resolve) => {
    execFile(process.execPath, [`${repoRoot}/node_modules/typescript/bin/tsc`, '-p', project], { timeout: 60000 },
      (err, stdout) => resolve({ code: err ? err.code : 0, stdout }));
  });
}

const work = mkdtempSync(path.join(tmpdir(), 'wasm-ssl-types-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each([
  ['@types/node and DOM', ['node'], ['es2023', 'dom']],
  ['@types/node without DOM', ['node'], ['es2023']],
  ['DOM without @types/node', [], ['es2023', 'dom']],
  ['neither @types/node nor DOM', [], ['es2023']],
])('with %s', (name, types, lib) => {
  test('the declarations compile with skipLibCheck false', async () => {
    const files = [`${repoRoot}/tests/types/portable-usage.ts`];
    if (types.includes('node')) files.push(`${repoRoot}/tests/types/bridge-usage.ts`);
    const project = path.join(work, `tsconfig.${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(project, JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', module: 'nodenext',
        moduleResolution: 'nodenext', lib, types, typeRoots: [`${repoRoot}/node_modules/@types`] },
      files,
    }));
    const result = await tsc(project);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  }, 70000);
});
