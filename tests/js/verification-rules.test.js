// The engine's certificate rules through the public API, both builds: which server_hostname
// values are names at all, and which certificate entries may match them.
import tls from 'node:tls';
import { certFile } from '../support/paths.js';
import { RUNTIMES, loadSsl, connectedPair } from '../support/ssl.js';

describe.each(RUNTIMES)('certificate verification rules (%s build)', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });
  const wrap = (options) => ssl.wrap_socket(ssl.memoryPair()[0], { do_handshake: false, ...options });

  /** The client's verdict on the wasm server's `cert` for `hostname`: 'ok' or the error. */
  async function verdict(cert, hostname, client = {}) {
    try {
      const { client: c } = await connectedPair(ssl, { server_hostname: hostname, ...client },
        { key: certFile(`${cert}.key`), cert: certFile(`${cert}.crt`) });
      await c.close();
      return 'ok';
    } catch (err) {
      return err;
    }
  }

  test('a server_hostname with a NUL or a byte no host name has is a TypeError', async () => {
    for (const bad of ['localhost\0.evil', 'local host', 'localhost/', 'exämple.com', '[::1]', '']) {
      await expect(wrap({ server_hostname: bad })).rejects.toBeInstanceOf(TypeError);
    }
    // Right characters, wrong shape: the engine refuses it (EINVAL) before any I/O.
    await expect(wrap({ server_hostname: 'a..b' })).rejects.toMatchObject({ errno: 22 });
    await expect(wrap({ server_hostname: '1.2.3.4.5' })).rejects.toMatchObject({ errno: 22 });
  });

  test('an IP address matches only iPAddress entries, a DNS name only dNSName entries', async () => {
    expect(await verdict('ip-only', '127.0.0.1')).toBe('ok');
    expect(await verdict('ip-only', '::1')).toBe('ok');
    for (const [cert, host] of [['ip-as-dns', '127.0.0.1'], ['uri-localhost', 'localhost'],
      ['wildcard-tld', 'example.com'], ['partial-wildcard', 'foo.example.com'], ['cn-ip-only', '127.0.0.1']]) {
      const err = await verdict(cert, host);
      expect(err).toBeInstanceOf(ssl.OSError);
      expect(err.verifyErrors).toContain('The certificate Common Name (CN) does not match with the expected CN');
    }
  });

  test("a CA's name constraints, critical or not, bind the names below it", async () => {
    expect(await verdict('nc-crit-ok-chain', 'www.allowed.test')).toBe('ok');
    const err = await verdict('nc-bad-chain', 'localhost');
    expect(err).toBeInstanceOf(ssl.OSError);
    expect(err.verifyErrors.join('\n')).toContain('name constraints: subjectAltName DNS name "localhost" is outside the permitted names');
  });

  test('an unknown critical extension fails the path through it, not the cadata bundle', async () => {
    const cadata = certFile('ca-with-private-critical.pem');
    expect(await verdict('server', 'localhost', { cadata })).toBe('ok');
    const err = await verdict('via-private-critical', 'localhost', { cadata });
    expect(err.verifyErrors.join('\n')).toContain('unknown critical extension 1.3.6.1.4.1.55555.1');
  });

  test("verify_profile: 'strict' by default, 'compat' accepts what MicroPython's port accepts", async () => {
    const err = await verdict('wrong-host-cn-only', 'wrong.example');
    expect(err.verifyErrors.join('\n')).toContain(
      "strict profile: a server certificate needs a subjectAltName (no CN fallback) (CN=wrong.example); verify_profile='compat' allows it");
    expect(await verdict('wrong-host-cn-only', 'wrong.example', { verify_profile: 'compat' })).toBe('ok');
    expect((await verdict('strict-leaf-ca', 'localhost')).verifyErrors.join('\n')).toContain("the peer's certificate is a CA");
    expect(await verdict('strict-leaf-ca', 'localhost', { verify_profile: 'compat' })).toBe('ok');
    await expect(wrap({ verify_profile: 'lax' })).rejects.toBeInstanceOf(RangeError);
  });

  test('max_chain_depth limits the intermediates of a verified chain', async () => {
    const rsa = { cadata: certFile('rsa-ca.der') };
    const err = await verdict('chained-rsa-chain', 'localhost', { ...rsa, max_chain_depth: 0 });
    expect(err.verifyErrors).toContain('the chain has 1 intermediate certificates, more than max_chain_depth=0');
    expect(await verdict('chained-rsa-chain', 'localhost', { ...rsa, max_chain_depth: 1 })).toBe('ok');
    for (const bad of [-1, 1.5, '2', 65]) {
      await expect(wrap({ max_chain_depth: bad })).rejects.toBeInstanceOf(RangeError);
    }
  });

  test("every root of Node's tls.rootCertificates loads as one cadata", async () => {
    const s = await wrap({ cert_reqs: ssl.CERT_REQUIRED, server_hostname: 'example.org',
      cadata: tls.rootCertificates.join('\n') });
    await s.close();
  });
});
