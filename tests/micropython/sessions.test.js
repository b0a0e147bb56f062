// tests/micropython/python/test_sessions.py in a Worker (blocking sockets, as on a board):
// ssl.SSLSession against openssl s_server processes offering a TLS 1.3 ticket, a TLS 1.2
// ticket and a TLS 1.2 session id.
import { startOpenSslServer } from '../support/openssl-server.js';
import { startMicroPythonWorker, pythonTests } from './support/micropython.js';

const MODULE = 'test_sessions';
let py;
const servers = {};

beforeAll(async () => {
  const start = async (name, options) => { servers[name] = await startOpenSslServer(options); };
  await Promise.all([
    start('tls1.3', { tls: '1.3' }),
    start('tls1.2-ticket', { tls: '1.2' }),
    start('tls1.2-id', { tls: '1.2', args: ['-rev', '-no_ticket'] }),
  ]);
  py = await startMicroPythonWorker();
  await py.setPeer(Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, s.port])));
});

afterAll(async () => {
  await py.close();
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

test.each(pythonTests(MODULE))('%s', (name) => py.run(MODULE, name));
