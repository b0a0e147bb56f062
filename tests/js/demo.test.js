// `make demo` runs examples/demo/run.mjs: it must show a verified connection through the bridge,
// the HTTP response and a refused wrong name, and leave nothing running.
import { execFile } from 'node:child_process';
import { repoRoot } from '../support/paths.js';

test('the demo connects, verifies, prints the response and refuses a wrong name', async () => {
  const { stdout, code } = await new Promise((resolve) => {
    execFile(process.execPath, ['--no-warnings', `${repoRoot}/examples/demo/run.mjs`], { timeout: 60000 },
      (err, out) => resolve({ stdout: out, code: err ? err.code : 0 }));
  });
  expect(code).toBe(0);
  expect(stdout).toMatch(/TLS version: +TLSv1\.3/);
  expect(stdout).toMatch(/cipher: +TLS1-3-/);
  expect(stdout).toMatch(/peer subject: +CN=localhost/);
  expect(stdout).toMatch(/valid: +\d{4}-\d\d-\d\dT.*Z to \d{4}-/);
  expect(stdout).toMatch(/verification: +OK/);
  expect(stdout).toContain('HTTP/1.0 200 ok');
  expect(stdout).toContain('Hello from openssl s_server');
  expect(stdout).toContain('OSError: [Errno -9984] MBEDTLS_ERR_X509_CERT_VERIFY_FAILED');
  expect(stdout).toMatch(/bridge: connect .* -> 127\.0\.0\.1:\d+/);
}, 90000);
