// OpenSSL's command-line peers. s_server -www answers an HTTP request with a page describing
// the session it negotiated; s_client prints its own view of the session.
import { startProcess } from './process.js';
import { startOpenSslServer } from '../openssl-server.js';
import { suiteFromOpenSsl } from './suites.js';
import { CLIENT_IDENTITY, certPath } from './identities.js';

const versionFlag = (version) => (version === '1.2' ? '-tls1_2' : '-tls1_3');

/**
 * The suites' s_server (support/openssl-server.js) serving -www with the identity's chain.
 * @param {{ version: '1.2'|'1.3', identity: object, clientAuth?: boolean, alpn?: string }} o
 */
export async function startOpenSslPeerServer(o) {
  const args = ['-www'];
  if (o.clientAuth) args.push('-Verify', '1', '-verify_return_error', '-CAfile', certPath(CLIENT_IDENTITY.root));
  if (o.alpn) args.push('-alpn', o.alpn);
  const server = await startOpenSslServer({ tls: o.version, args, credentials: ['-cert', certPath(o.identity.leaf),
    '-cert_chain', certPath(o.identity.intermediate), '-key', certPath(o.identity.key)] });
  return {
    port: server.port,
    /** The server's view of one session, from the page it served. */
    async view(page) {
      const m = /^(New|Reused), (TLSv1\.[23]), Cipher is (\S+)/m.exec(page);
      if (!m) throw new Error(`s_server page without a session line:\n${page.slice(0, 2000)}`);
      // The page itself names the client's certificate (s_server prints it with X509_print);
      // its verify log on stdout may arrive after the page, so it is not read here.
      const clientSubject = /^Client certificate\r?\n[\s\S]*?Subject: CN ?= ?(.*)$/m.exec(page)?.[1];
      return { suite: suiteFromOpenSsl(m[2], m[3]), resumed: m[1] === 'Reused',
        clientSubject: clientSubject ? `CN=${clientSubject.trim()}` : null };
    },
    stop: server.stop,
  };
}

/**
 * Connects, sends `message` (one line), waits for the reply line, closes.
 * @param {{ port: number, version: string, root: string, clientAuth?: boolean, alpn?: string[], message: string }} o
 */
export async function runOpenSslClient(o) {
  const args = ['s_client', '-connect', `127.0.0.1:${o.port}`, versionFlag(o.version), '-servername', 'localhost',
    '-CAfile', certPath(o.root), '-verify_return_error', '-verify_hostname', 'localhost'];
  if (o.clientAuth) args.push('-cert', certPath(CLIENT_IDENTITY.cert), '-key', certPath(CLIENT_IDENTITY.key));
  if (o.alpn) args.push('-alpn', o.alpn.join(','));
  const proc = startProcess('openssl', args, { stdin: true });
  try {
    const session = await proc.waitFor(/^(New|Reused), (TLSv1\.[23]), Cipher is (\S+)\r?\n/m);
    proc.send(`${o.message}\n`);
    const reply = (await proc.waitFor(/^(echo: [^\r\n]*)\r?\n/m))[1];
    proc.endInput();
    await proc.exited;
    const out = proc.output();
    return { suite: suiteFromOpenSsl(session[2], session[3]), resumed: session[1] === 'Reused',
      alpn: /^ALPN protocol: (\S+)/m.exec(out)?.[1] || null,
      verified: /Verify return code: 0 \(ok\)/.test(out), reply };
  } finally {
    await proc.stop();
  }
}
