// What libcurl.js and epoxy-tls do not offer: a fetch that verifies against the caller's CA and
// presents a client certificate. Failures are TypeError('fetch failed') with wasm-ssl's OSError
// (mbedtls' reason) as the cause.
import { load } from '../../js/src/index.js';
import { createFetch } from '../../js/src/fetch/index.js';
import { certFile } from '../support/paths.js';
import { loopbackFetch } from './support/node-fetch.js';
import { startHttpsServer } from './support/https-server.js';

const whoami = (req, res) => res.end(req.socket.getPeerCertificate().subject?.CN ?? 'anonymous');
let ssl;
beforeAll(async () => { ssl = await load(); });

describe('a server that requires a client certificate', () => {
  let server;
  beforeAll(async () => {
    server = await startHttpsServer({ '/whoami': whoami }, { requestCert: true, rejectUnauthorized: true, ca: certFile('ca.crt') });
  });
  afterAll(async () => { await server?.stop(); });

  test('accepts the fetch that presents key and cert, and sees who it is', async () => {
    const fetch = loopbackFetch(ssl, { key: certFile('client.key'), cert: certFile('client.crt') });
    try {
      expect(await (await fetch(server.url('/whoami'))).text()).toBe('wasm-ssl test client');
    } finally {
      fetch.close();
    }
  });

  test('refuses one without: TypeError("fetch failed") caused by an OSError', async () => {
    const fetch = loopbackFetch(ssl);
    try {
      const err = await fetch(server.url('/whoami')).catch((e) => e);
      expect(err).toBeInstanceOf(TypeError);
      expect(err.message).toBe('fetch failed');
      expect(err.cause).toBeInstanceOf(ssl.OSError);
    } finally {
      fetch.close();
    }
  });
});

describe('the server certificate is checked against cadata and the URL\'s host', () => {
  let server, wrongHost;
  beforeAll(async () => {
    server = await startHttpsServer({ '/whoami': whoami });
    wrongHost = await startHttpsServer({ '/whoami': whoami }, { key: certFile('wrong-host.key'), cert: certFile('wrong-host.crt') });
  });
  afterAll(async () => {
    await server?.stop();
    await wrongHost?.stop();
  });

  test('another CA than the one that issued the server\'s certificate: refused with mbedtls\' reason', async () => {
    const fetch = loopbackFetch(ssl, { cadata: certFile('rsa-ca.crt') });
    const err = await fetch(server.url('/whoami')).catch((e) => e);
    expect(err.message).toBe('fetch failed');
    expect(err.cause.code).toBe('MBEDTLS_ERR_X509_CERT_VERIFY_FAILED');
  });

  test('the right CA but another name: refused; by IP address (v4, v6), which the certificate names: accepted', async () => {
    const fetch = loopbackFetch(ssl);
    try {
      const err = await fetch(wrongHost.url('/whoami')).catch((e) => e);
      expect(err.cause.code).toBe('MBEDTLS_ERR_X509_CERT_VERIFY_FAILED');
      expect(err.cause.verifyErrors.join()).toMatch(/CN/);
      expect((await fetch(`https://127.0.0.1:${server.port}/whoami`)).status).toBe(200);
      expect(fetch.connects.at(-1)).toBe(`127.0.0.1:${server.port}`);
      expect((await fetch(`https://[::1]:${server.port}/whoami`)).status).toBe(200); // IPv6: brackets off for the name check
      expect(fetch.connects.at(-1)).toBe(`::1:${server.port}`);
    } finally {
      fetch.close();
    }
  });
});

test('http: is refused as TypeError("fetch failed"), without a connection', async () => {
  const fetch = loopbackFetch(ssl);
  const err = await fetch('http://localhost:1/').catch((e) => e);
  expect(err).toBeInstanceOf(TypeError);
  expect(err.message).toBe('fetch failed');
  expect(err.cause.message).toMatch(/https: only, not http:/);
  expect(fetch.connects).toEqual([]);
});

test('createFetch without ssl, connect, or cadata (unless CERT_NONE) is a TypeError', () => {
  expect(() => createFetch({ connect: () => null, cadata: 'x' })).toThrow(TypeError);
  expect(() => createFetch({ ssl, cadata: 'x' })).toThrow(/connect/);
  expect(() => createFetch({ ssl, connect: () => null })).toThrow(/cadata is required .*wasm-ssl\/roots/);
  expect(() => createFetch({ ssl, connect: () => null, cert_reqs: ssl.CERT_NONE })).not.toThrow();
});
