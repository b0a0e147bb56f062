// createFetch over Node sockets to 127.0.0.1 (whatever host the URL names), trusting the test
// CA; `connects` counts the transports it made.
import net from 'node:net';
import { createFetch } from '../../../js/src/fetch/index.js';
import { certFile } from '../../support/paths.js';

export function loopbackFetch(ssl, options = {}) {
  const connects = [];
  const fetch = createFetch({
    ssl,
    cadata: certFile('ca.crt'),
    connect: (host, port) => {
      connects.push(`${host}:${port}`);
      return net.connect(port, '127.0.0.1');
    },
    ...options,
  });
  return Object.assign(fetch, { connects });
}
