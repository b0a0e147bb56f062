// The three peer implementations of the interop matrix behind one interface:
//   startServer({ version, identity, clientAuth?, alpn? }) -> { port, view(page, localPort), stop() }
//     (the server answers "GET / HTTP/1.0" with a page; view() reads its side of the session
//     from it: { suite, resumed, clientSubject })
//   runClient({ port, version, root, clientAuth?, alpn?, message }) -> { suite, resumed, alpn, verified, reply }
//     (sends one line, waits for the "echo: ..." reply line)
import { startOpenSslPeerServer, runOpenSslClient } from './openssl.js';
import { startGnutlsServer, runGnutlsClient } from './gnutls.js';
import { startNodeServer, runNodeClient } from './node.js';

export const PEERS = {
  openssl: { startServer: startOpenSslPeerServer, runClient: runOpenSslClient },
  gnutls: { startServer: startGnutlsServer, runClient: runGnutlsClient },
  node: { startServer: startNodeServer, runClient: runNodeClient },
};

export { SERVER_IDENTITIES, CLIENT_IDENTITY, certPath } from './identities.js';
export { suiteFromMbedtls } from './suites.js';
