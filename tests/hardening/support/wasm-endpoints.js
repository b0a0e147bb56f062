// The wasm side of the interop tests, through the package's public API: a client that fetches
// a peer server's session page, and a loopback server that answers one line per connection.
import net from 'node:net';
import { certFile } from '../../support/paths.js';
import { text } from '../../support/ssl.js';
import { CLIENT_IDENTITY, suiteFromMbedtls } from '../../support/peers/index.js';

/**
 * One wasm client connection to a peer server: sends "GET / HTTP/1.0", reads the page to the
 * end, and reports both views. `options` go to wrap_socket on top of a verifying client.
 */
export async function fetchPage(ssl, port, identity, options = {}) {
  const sock = net.connect(port, '127.0.0.1');
  const s = await ssl.wrap_socket(sock, {
    cert_reqs: ssl.CERT_REQUIRED, cadata: certFile(identity.root), server_hostname: 'localhost', ...options });
  try {
    const localPort = sock.localPort;
    await s.write('GET / HTTP/1.0\r\n\r\n');
    const page = text(await s.read());
    const view = {
      suite: suiteFromMbedtls(s.version(), s.cipher()),
      alpn: s.selected_alpn_protocol(),
      resumed: s.session_reused(),
      session: s.session(),
      subject: s.getpeercert()?.subject,
      verified: s.verify_result()?.verified,
    };
    return { view, page, localPort };
  } finally {
    await s.close();
  }
}

/**
 * A wasm server on 127.0.0.1: each connection is wrapped (server_side) with `identity`, reads
 * one line and answers "echo: <line>". What it saw is kept by line: sessions.get(line).
 * @param {{ identity: object, clientAuth?: boolean, alpn?: string[] }} o
 */
export async function startWasmServer(ssl, o) {
  const sessions = new Map();
  const failures = [];
  const server = net.createServer(async (sock) => {
    try {
      const s = await ssl.wrap_socket(sock, {
        server_side: true, cert: certFile(o.identity.chain), key: certFile(o.identity.key),
        ...(o.clientAuth ? { cert_reqs: ssl.CERT_REQUIRED, cadata: certFile(CLIENT_IDENTITY.root) } : {}),
        ...(o.alpn ? { alpn_protocols: o.alpn } : {}),
      });
      const line = text(await s.readline()).trim();
      sessions.set(line, {
        suite: suiteFromMbedtls(s.version(), s.cipher()),
        alpn: s.selected_alpn_protocol(),
        subject: s.getpeercert()?.subject ?? null,
        verified: s.verify_result()?.verified ?? null,
      });
      await s.write(`echo: ${line}\n`);
      await s.close();
    } catch (err) {
      failures.push(err);
      sock.destroy();
    }
  });
  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  return {
    port,
    sessions,
    failures,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
