// mbedtls' descriptions of its error codes ship beside the .wasm files (dist/mbedtls_error_reasons.js,
// generated from mbedtls' headers), not in them: the modules carry the names only. What a user
// reads is the same as from the native library: the description of the code, of a combined
// code's high part, and the engine's own for errnos.
import { readFileSync } from 'node:fs';
import { instantiateEngine } from '../../js/src/engine/index.js';
import { RawEngine } from '../../js/src/engine/raw.js';
import { RUNTIMES } from '../support/ssl.js';
import { distDir } from '../support/paths.js';

const CONN_EOF = -0x7280;
const X509_INVALID_FORMAT = -0x2180;
const ASN1_OUT_OF_DATA = -0x0060;

describe.each(RUNTIMES)('error descriptions (%s build)', (runtime) => {
  let raw;
  beforeAll(async () => { raw = new RawEngine(await instantiateEngine({ runtime })); });

  test('an mbedtls code: its name from the module, its description from beside it', () => {
    expect(raw.errorName(CONN_EOF)).toBe('MBEDTLS_ERR_SSL_CONN_EOF');
    expect(raw.errorReason(CONN_EOF)).toBe('The connection indicated an EOF.');
  });

  test('a combined code: both names, the high part\'s description', () => {
    const code = X509_INVALID_FORMAT + ASN1_OUT_OF_DATA;
    expect(raw.errorName(code)).toBe('MBEDTLS_ERR_X509_INVALID_FORMAT+MBEDTLS_ERR_ASN1_OUT_OF_DATA');
    expect(raw.errorReason(code)).toBe('The CRT/CRL/CSR format is invalid, e.g. different type expected.');
    expect(raw.mbedtlsErrorName(1)).toBe('MBEDTLS_ERR_ERROR_GENERIC_ERROR');
  });

  test('errnos and unknown codes: the engine\'s own words, or none', () => {
    expect(raw.errorName(-104)).toBe('ECONNRESET');
    expect(raw.errorReason(-104)).toBe('Connection reset by peer');
    expect(raw.errorName(-0x7FFF)).toBe('UNKNOWN_ERROR');
    expect(raw.errorReason(-0x7FFF)).toBe('');
  });
});

test('the .wasm files hold the names, not the descriptions', () => {
  for (const file of ['wasm_ssl.wasm', 'wasm_ssl_scalar.wasm', 'wasm_ssl_wasi.wasm', 'wasm_ssl_wasi_scalar.wasm']) {
    const bytes = readFileSync(`${distDir}/${file}`).toString('latin1');
    expect([file, bytes.includes('SSL_CONN_EOF')]).toEqual([file, true]);
    expect([file, bytes.includes('The connection indicated an EOF')]).toEqual([file, false]);
  }
});
