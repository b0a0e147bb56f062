// Node's own TLS (its bundled OpenSSL) as a peer. The server answers an HTTP request with a JSON
// description of the session; the client reports its view from the socket.
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { suiteFromIana } from './suites.js';
import { CLIENT_IDENTITY, certPath } from './identities.js';

const file = (name) => readFileSync(certPath(name));
const nodeVersion = (version) => `TLSv${version}`;

/**
 * @param {{ version: '1.2'|'1.3', identity: object, clientAuth?: boolean, alpn?: string }} o
 */
export async function startNodeServer(o) {
  const server = tls.createServer({
    key: file(o.identity.key), cert: file(o.identity.chain),
    minVersion: nodeVersion(o.version), maxVersion: nodeVersion(o.version),
    requestCert: !!o.clientAuth, rejectUnauthorized: !!o.clientAuth,
    ca: o.clientAuth ? file(CLIENT_IDENTITY.root) : undefined,
    ALPNProtocols: o.alpn ? o.alpn.split(',') : undefined,
  }, (sock) => {
    let request = '';
    sock.on('data', (chunk) => {
      request += chunk;
      if (!request.includes('\r\n\r\n')) return;
      const peer = sock.getPeerCertificate();
      sock.end(`HTTP/1.0 200 OK\r\n\r\n${JSON.stringify({
        version: sock.getProtocol(), cipher: sock.getCipher().standardName, resumed: sock.isSessionReused(),
        clientSubject: peer && peer.subject ? `CN=${peer.subject.CN}` : null })}`);
    });
    sock.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  return {
    port,
    async view(page) {
      const v = JSON.parse(page.slice(page.indexOf('\r\n\r\n') + 4));
      return { suite: suiteFromIana(v.version, v.cipher), resumed: v.resumed, clientSubject: v.clientSubject };
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Connects, sends `message` (one line), waits for the reply line, closes.
 * @param {{ port: number, version: string, root: string, clientAuth?: boolean, alpn?: string[], message: string }} o
 */
export function runNodeClient(o) {
  return new Promise((resolve, reject) => {
    const sock = tls.connect({
      host: '127.0.0.1', port: o.port, servername: 'localhost', ca: file(o.root),
      minVersion: nodeVersion(o.version), maxVersion: nodeVersion(o.version),
      cert: o.clientAuth ? file(CLIENT_IDENTITY.cert) : undefined,
      key: o.clientAuth ? file(CLIENT_IDENTITY.key) : undefined,
      ALPNProtocols: o.alpn,
    }, () => sock.write(`${o.message}\n`));
    let received = '';
    const timer = setTimeout(() => { sock.destroy(); reject(new Error('node client: no reply within 10 s')); }, 10000);
    sock.on('data', (chunk) => {
      received += chunk;
      const m = /^(echo: [^\r\n]*)\r?\n/m.exec(received);
      if (!m) return;
      clearTimeout(timer);
      const result = { suite: suiteFromIana(sock.getProtocol(), sock.getCipher().standardName),
        resumed: sock.isSessionReused(), alpn: sock.alpnProtocol || null, verified: sock.authorized, reply: m[1] };
      sock.end();
      resolve(result);
    });
    sock.on('error', (err) => { clearTimeout(timer); reject(err); });
  });
}
