// The WASI command example (examples/wasi): https_client.wasm, with the engine linked in and
// its transport over fd 0/1, run under node:wasi against a real openssl s_server.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../support/paths.js';

function runExample(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [`${repoRoot}/examples/wasi/run.mjs`, ...args], { timeout: 30000 },
      (err, stdout, stderr) => resolve({ code: err ? err.code : 0, output: stdout + stderr }));
  });
}

test('needs nothing but WASI preview1: the program itself supplies the stream functions', () => {
  const module = new WebAssembly.Module(readFileSync(`${repoRoot}/build/wasi/examples/https_client.wasm`));
  const modules = new Set(WebAssembly.Module.imports(module).map((i) => i.module));
  expect([...modules]).toEqual(['wasi_snapshot_preview1']);
  expect(WebAssembly.Module.exports(module).map((e) => e.name)).toContain('_start');
});

test('completes a verified TLS 1.3 exchange with openssl s_server', async () => {
  const { code, output } = await runExample();
  expect(output).toContain('TLSv1.3 TLS1-3-');
  expect(output).toContain('verified: yes');
  expect(output).toContain('"subject":"CN=localhost"');
  expect(output).toMatch(/HTTP\/1\.0 200 ok\r?\n/);
  expect(output).toContain('</HTML>'); // the whole page, to the server's close
  expect(output).not.toContain('ExperimentalWarning');
  expect(code).toBe(0);
});

test('refuses a server its CA file does not vouch for, and says why', async () => {
  const { code, output } = await runExample('other-ca.crt');
  expect(code).toBe(1);
  expect(output).toContain('error: MBEDTLS_ERR_X509_CERT_VERIFY_FAILED');
  expect(output).toContain('  - The certificate is not correctly signed by the trusted CA');
  expect(output).toContain('presented certificate: {"subject":"CN=localhost","issuer":"CN=wasm-ssl Test CA"');
  expect(output).not.toContain('HTTP/1.0 200 ok');
});

test('refuses a server whose certificate names another host, and says why', async () => {
  const { code, output } = await runExample('ca.crt', 'wrong.example');
  expect(code).toBe(1);
  expect(output).toContain('error: MBEDTLS_ERR_X509_CERT_VERIFY_FAILED');
  expect(output).toContain('  - The certificate Common Name (CN) does not match with the expected CN');
  expect(output).not.toContain('HTTP/1.0 200 ok');
});
