// examples/micropython/node.mjs: the seed's snippet in a Worker, then the await version on the
// main thread, both verified against openssl s_server; it must finish on its own.
import { execFile } from 'node:child_process';
import { repoRoot } from '../support/paths.js';

test('the Node example gets the page twice, in a Worker and on the main thread', async () => {
  const { stdout, code } = await new Promise((resolve) => {
    execFile(process.execPath, ['--no-warnings', `${repoRoot}/examples/micropython/node.mjs`], { timeout: 60000 },
      (err, out) => resolve({ stdout: out, code: err ? err.code : 0 }));
  });
  expect(code).toBe(0);
  const [worker, main] = stdout.split('== on the main thread, with await\n');
  expect(worker).toMatch(/^== in a Worker, blocking \(openssl s_server on localhost:\d+\)\nb'HTTP\/1\.0 200 ok\\r\\n/);
  expect(main).toMatch(/^b'HTTP\/1\.0 200 ok\\r\\n/);
  for (const part of [worker, main]) expect(part).toContain("('TLS1-3-CHACHA20-POLY1305-SHA256', 'TLSv1.3')");
}, 90000);
