// A Node https server on loopback for the fetch tests: routes by path, counts the TCP
// connections it accepted (its 'connection' events) and the TLS ones that closed, and stop()
// ends every connection still open.
import https from 'node:https';
import { certFile } from '../../support/paths.js';

/**
 * @param {Record<string, (req, res) => void>} routes  path (without query) -> handler
 * @param {object} [tlsOptions]  extra https.createServer options (requestCert, ...)
 */
export async function startHttpsServer(routes, tlsOptions = {}) {
  const server = https.createServer({ key: certFile('server.key'), cert: certFile('server.crt'), ...tlsOptions },
    (req, res) => {
      const route = routes[new URL(req.url, 'https://localhost').pathname];
      if (route) route(req, res);
      else res.writeHead(404).end('no such route');
    });
  const counts = { connections: 0, closed: 0 };
  server.on('connection', (socket) => {
    counts.connections++;
    socket.on('close', () => { counts.closed++; });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    counts,
    port: server.address().port,
    url: (path) => `https://localhost:${server.address().port}${path}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The whole of a request's body. */
export async function requestBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}
