// The package over the WASI build with a preview1 host of the caller's own (not node:wasi):
// load({ runtime: 'wasi', wasi }). Randomness comes only from its random_get, which must never
// be worked around when it fails; certificate validity is judged by its wall clock.
import { load } from '../../js/src/index.js';
import { preview1Host } from '../support/preview1-host.js';
import { clientOptions, connectedPair, serverOptions, text } from '../support/ssl.js';

const ENTROPY_FAILED = 'MBEDTLS_ERR_ENTROPY_SOURCE_FAILED';

test('a host with only clock_time_get and random_get runs a verified TLS 1.3 exchange', async () => {
  const host = preview1Host();
  const ssl = await load({ runtime: 'wasi', wasi: host });
  expect(ssl.runtime).toBe('wasi');
  const { client, server } = await connectedPair(ssl);
  expect(client.version()).toBe('TLSv1.3');
  await client.write('over a home-made WASI host');
  expect(text(await server.read(100))).toBe('over a home-made WASI host');
  await Promise.all([client.close(), server.close()]);
  expect(host.calls.random_get).toBeGreaterThan(0);
  expect(host.calls.clock_time_get).toBeGreaterThan(0);
});

// Both ends at once, so that an engine which did make a config completes its handshake (and
// the test fails at once) instead of waiting for a peer that was refused.
async function handshakeBothEnds(ssl) {
  const [a, b] = ssl.memoryPair();
  return Promise.allSettled([ssl.wrap_socket(a, clientOptions(ssl)), ssl.wrap_socket(b, serverOptions())]);
}

const refused = { status: 'rejected', reason: expect.objectContaining({ name: 'OSError', code: ENTROPY_FAILED }) };

test('a random_get that fails makes the handshake fail, and the instance stays refused', async () => {
  let randomWorks = false;
  const host = preview1Host({ randomWorks: () => randomWorks });
  const ssl = await load({ runtime: 'wasi', wasi: host });
  expect(await handshakeBothEnds(ssl)).toEqual([refused, refused]);
  expect(host.calls.random_get).toBeGreaterThan(0);
  // No fallback once randomness is back either: this instance never seeded, so it never works.
  randomWorks = true;
  expect(await handshakeBothEnds(ssl)).toEqual([refused, refused]);
});

test('a preview1 object given as wasiImport alone is used too: its failing random_get refuses', async () => {
  const ssl = await load({ runtime: 'wasi', wasiImport: { clock_time_get: () => 52, random_get: () => 29 } });
  expect(await handshakeBothEnds(ssl)).toEqual([refused, refused]);
});

describe('certificate validity is judged by the host clock (clock_time_get, realtime)', () => {
  // The test certificates are valid from the moment make-certs.sh ran for 30 days.
  const DAY = 24 * 3600 * 1000;
  async function refusalAt(now) {
    const ssl = await load({ runtime: 'wasi', wasi: preview1Host({ now }) });
    const [a, b] = ssl.memoryPair();
    const server = ssl.wrap_socket(b, serverOptions()).catch((err) => err);
    const err = await ssl.wrap_socket(a, clientOptions(ssl)).catch((e) => e);
    await server;
    return err;
  }

  test('45 days ahead, the server certificate has expired', async () => {
    const err = await refusalAt(new Date(Date.now() + 45 * DAY));
    expect(err).toMatchObject({ name: 'OSError', code: 'MBEDTLS_ERR_X509_CERT_VERIFY_FAILED' });
    expect(err.verifyErrors).toContain('The certificate validity has expired');
  });

  test('45 days back, it is not valid yet', async () => {
    const err = await refusalAt(new Date(Date.now() - 45 * DAY));
    expect(err).toMatchObject({ name: 'OSError', code: 'MBEDTLS_ERR_X509_CERT_VERIFY_FAILED' });
    expect(err.verifyErrors).toContain('The certificate validity starts in the future');
  });
});

test('outside the shapes it knows, load() says what it needs', async () => {
  await expect(load({ runtime: 'wasi', wasi: { wasiImport: {} } })).rejects.toThrow(
    new TypeError('wasm-ssl: options.wasi needs wasiImport and initialize(instance)'));
});
