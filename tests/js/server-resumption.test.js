// wrap_socket calls with the same settings share one engine config, so a wasm server keeps its
// session-ticket key across accepts: Node TLS clients resume with it, in both versions. With a
// config per call, every accept had a fresh ticket key and no client could resume.
import net from 'node:net';
import tls from 'node:tls';
import { certFile } from '../support/paths.js';
import { RUNTIMES, loadSsl, serverOptions } from '../support/ssl.js';

/** A wasm echo server on loopback: each accepted socket is wrapped with the same options. */
async function startWasmServer(ssl, options) {
  const server = net.createServer(async (sock) => {
    try {
      const s = await ssl.wrap_socket(sock, options);
      const line = await s.readline();
      await s.write(line);
      await s.close();
    } catch { sock.destroy(); }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => new Promise((r) => server.close(r)) };
}

/** One Node TLS client exchange; resolves with its session, whether it resumed, and the echo. */
function nodeClient(port, maxVersion, session) {
  return new Promise((resolve, reject) => {
    let saved = null, reused = null;
    const c = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', maxVersion,
      ca: Buffer.from(certFile('ca.crt')), session }, () => {
      reused = c.isSessionReused();
      c.write('ping\n');
    });
    c.on('session', (s) => { saved = s; });
    let echoed = '';
    c.on('data', (d) => { echoed += d; });
    c.on('error', reject);
    c.on('close', () => resolve({ session: saved, reused, echoed }));
    setTimeout(() => reject(new Error('client timed out')), 10000).unref();
  });
}

describe.each(RUNTIMES)('%s build', (runtime) => {
  test.each(['TLSv1.2', 'TLSv1.3'])('a Node %s client resumes with a wasm server', async (version) => {
    const ssl = await loadSsl(runtime);
    // Fresh byte arrays on every accept: equal settings, not the same objects, share a config.
    const server = await startWasmServer(ssl, {
      get server_side() { return true; },
      get key() { return certFile('server.key'); },
      get cert() { return certFile('server.crt'); },
    });
    try {
      const first = await nodeClient(server.port, version);
      expect(first.echoed).toBe('ping\n');
      expect(first.reused).toBe(false);
      expect(first.session).not.toBeNull();
      const second = await nodeClient(server.port, version, first.session);
      expect(second.echoed).toBe('ping\n');
      expect(second.reused).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('different settings get different configs: a changed certificate is served', async () => {
    const ssl = await loadSsl(runtime);
    const [a, b] = ssl.memoryPair();
    const [c, s] = await Promise.all([
      ssl.wrap_socket(a, { cert_reqs: ssl.CERT_NONE }),
      ssl.wrap_socket(b, serverOptions({ key: certFile('server-rsa.key'), cert: certFile('server-rsa.crt') })),
    ]);
    expect(c.getpeercert(true)).toEqual(certFile('server-rsa.der'));
    await Promise.all([c.close(), s.close()]);
    const [a2, b2] = ssl.memoryPair();
    const [c2, s2] = await Promise.all([ssl.wrap_socket(a2, {}), ssl.wrap_socket(b2, serverOptions())]);
    expect(c2.getpeercert(true)).toEqual(certFile('server.der'));
    await Promise.all([c2.close(), s2.close()]);
  });
});
