// GnuTLS' command-line peers. gnutls-serv --http answers an HTTP request with a page describing
// the session; gnutls-cli prints its own view. gnutls-serv has no listen-address option: it
// binds the wildcard address on a free port for the length of one suite; the tests only ever
// connect to it over 127.0.0.1.
import { freePort, startProcess } from './process.js';
import { suiteFromGnutls } from './suites.js';
import { CLIENT_IDENTITY, certPath } from './identities.js';

const priority = (version) => `NORMAL:-VERS-ALL:+VERS-TLS${version}`;

/**
 * @param {{ version: '1.2'|'1.3', identity: object, clientAuth?: boolean, alpn?: string }} o
 */
export async function startGnutlsServer(o) {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const args = ['-oL', 'gnutls-serv', '--http', '-p', String(port), '--priority', priority(o.version),
      '--x509certfile', certPath(o.identity.chain), '--x509keyfile', certPath(o.identity.key)];
    if (o.clientAuth) {
      args.push('--require-client-cert', '--verify-client-cert', '--x509cafile', certPath(CLIENT_IDENTITY.root));
    }
    if (o.alpn) args.push('--alpn', o.alpn);
    // stdbuf: gnutls-serv's per-connection report, line by line as it happens.
    const proc = startProcess('stdbuf', args);
    try {
      await proc.waitFor(/listening on IPv4 .*done/);
    } catch (err) {
      await proc.stop();
      if (attempt < 2) continue; // the port was taken in between
      throw err;
    }
    return {
      port,
      proc,
      /** The server's view of the session of the connection from localPort. */
      async view(page, localPort) {
        const text = page.replace(/<[^>]*>/g, ' ');
        const description = /Description:\s*(\(TLS\S+)/.exec(text)?.[1];
        if (!description) throw new Error(`gnutls-serv page without a description:\n${text.slice(0, 2000)}`);
        // Its console report of that connection says whether it resumed.
        const block = await proc.waitFor(new RegExp(`port ${localPort} on [^\\n]*\\n((?:(?!\\* Accepted)[\\s\\S])*?- Description)`));
        const subject = /Subject: (CN=.*)/.exec(text)?.[1]?.trim() || null;
        const keyExchange = /Key Exchange:?\s*(ECDHE-\S+)/.exec(text)?.[1];
        return { suite: suiteFromGnutls(description, keyExchange), resumed: /This is a resumed session/.test(block[1]),
          clientSubject: subject };
      },
      stop: () => proc.stop(),
    };
  }
}

/**
 * Connects, sends `message` (one line), waits for the reply line, closes.
 * @param {{ port: number, version: string, root: string, clientAuth?: boolean, alpn?: string[], message: string }} o
 */
export async function runGnutlsClient(o) {
  const args = ['-p', String(o.port), '127.0.0.1', '--priority', priority(o.version),
    '--x509cafile', certPath(o.root), '--verify-hostname', 'localhost'];
  if (o.clientAuth) args.push('--x509certfile', certPath(CLIENT_IDENTITY.cert), '--x509keyfile', certPath(CLIENT_IDENTITY.key));
  for (const p of o.alpn || []) args.push('--alpn', p);
  const proc = startProcess('gnutls-cli', args, { stdin: true });
  try {
    const description = (await proc.waitFor(/^- Description: (\S+)\r?\n/m))[1];
    await proc.waitFor(/Handshake was completed/);
    proc.send(`${o.message}\n`);
    const reply = (await proc.waitFor(/^(echo: [^\r\n]*)\r?\n/m))[1];
    proc.endInput();
    await proc.exited;
    const out = proc.output();
    return { suite: suiteFromGnutls(description), resumed: /This is a resumed session/.test(out),
      alpn: /^- Application protocol: (\S+)/m.exec(out)?.[1] || null,
      verified: /Status: The certificate is trusted/.test(out), reply };
  } finally {
    await proc.stop();
  }
}
