// The wasm client against a real `openssl s_server` on loopback, over a Node net.Socket and
// over a WebSocket through the bridge, TLS 1.2 and 1.3: verified success, and each failed
// certificate check as an OSError that names it.
import net from 'node:net';
import { WebSocket } from 'ws';
import { startBridge } from '../../js/src/bridge/index.js';
import { startOpenSslServer } from '../support/openssl-server.js';
import { RUNTIMES, loadSsl, clientOptions, text } from '../support/ssl.js';

const FAILURES = [
  ['untrusted', 'localhost', 'The certificate is not correctly signed by the trusted CA'],
  ['wrong-host', 'localhost', 'The certificate Common Name (CN) does not match with the expected CN'],
  ['expired', 'localhost', 'The certificate validity has expired'],
];

const TRANSPORTS = {
  'net.Socket': (port) => net.connect(port, '127.0.0.1'),
  'WebSocket via the bridge': (port, bridge) => new WebSocket(bridge.url(`127.0.0.1:${port}`), ['binary']),
};

describe.each(RUNTIMES)('%s build against openssl s_server', (runtime) => {
  let ssl, bridge;
  const servers = {};
  const bridgeLog = [];
  beforeAll(async () => {
    ssl = await loadSsl(runtime);
    for (const tls of ['1.2', '1.3']) {
      for (const cert of ['server', ...FAILURES.map(([c]) => c)]) {
        servers[`${cert}/${tls}`] = await startOpenSslServer({ cert, tls });
      }
    }
    bridge = await startBridge({
      allow: Object.values(servers).map((s) => `127.0.0.1:${s.port}`),
      log: (line) => bridgeLog.push(line),
    });
  });
  afterAll(async () => {
    await bridge.close();
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  });

  describe.each(Object.keys(TRANSPORTS))('over a %s', (transport) => {
    const connect = (name) => TRANSPORTS[transport](servers[name].port, bridge);

    test.each(['1.2', '1.3'])('TLS %s with CERT_REQUIRED: verified, and data goes both ways', async (tls) => {
      const s = await ssl.wrap_socket(connect(`server/${tls}`), clientOptions(ssl));
      expect(s.version()).toBe(`TLSv${tls}`);
      expect(s.verify_result().verified).toBe(true);
      expect(s.getpeercert().subject).toBe('CN=localhost');
      await s.write('hello from wasm\n');
      expect(text(await s.readline())).toBe('msaw morf olleh\n');
      await s.close();
    });

    test.each(FAILURES.flatMap(([cert, host, reason]) => ['1.2', '1.3'].map((tls) => [cert, tls, host, reason])))(
      '%s certificate, TLS %s: OSError naming the failed check', async (cert, tls, host, reason) => {
        const sock = connect(`${cert}/${tls}`);
        const err = await ssl.wrap_socket(sock, clientOptions(ssl, { server_hostname: host })).catch((e) => e);
        expect(err).toBeInstanceOf(ssl.OSError);
        expect(err.code).toBe('MBEDTLS_ERR_X509_CERT_VERIFY_FAILED');
        expect(err.errno).toBe(-0x2700);
        expect(err.verifyErrors).toEqual([reason]);
        expect(err.message).toContain(reason);
        // The certificate the server presented is named, although mbedtls dropped it.
        const issuer = cert === 'untrusted' ? 'CN=wasm-ssl Untrusted CA' : 'CN=wasm-ssl Test CA';
        expect(err.peerCertificate).toMatchObject({ issuer });
        expect(err.message).toContain(`issued by ${issuer}`);
      });

    test('CERT_NONE connects to the untrusted server and says nothing was verified', async () => {
      const s = await ssl.wrap_socket(connect('untrusted/1.3'), { server_hostname: 'localhost' });
      expect(s.verify_result()).toBeNull();
      await s.write('abc\n');
      expect(text(await s.readline())).toBe('cba\n');
      await s.close();
    });
  });

  test('the bridge logged each connection through it', () => {
    expect(bridgeLog.filter((l) => l.startsWith('connect ')).length).toBeGreaterThanOrEqual(9);
  });
});
