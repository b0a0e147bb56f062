// tests/micropython/python/test_psk_aliases.py in a Worker (blocking sockets, as on a board):
// the other PSK spellings (set_psk_identity/set_psk_key, set_ciphers("PSK"), the CPython-style
// callbacks) against `openssl s_server` (with -psk, and with a certificate only) and Node TLS
// PSK clients.
import net from 'node:net';
import tls from 'node:tls';
import { startOpenSslServer } from '../support/openssl-server.js';
import { startMicroPythonWorker, pythonTests } from './support/micropython.js';

const MODULE = 'test_psk_aliases';
const PSK_IDENTITY = 'micropython';
const PSK_KEY = Buffer.from('secret-shared-key'); // as test_psk_aliases.py's
let py;
const servers = {};
const nodeClients = [];

// A TCP listener whose accepted connections become a Node TLS 1.2 PSK client with `identity`:
// Python dials in, then plays the TLS server.
function nodePskClient(identity) {
  const listener = net.createServer((socket) => {
    const client = tls.connect({
      socket,
      pskCallback: () => ({ identity, psk: PSK_KEY }),
      ciphers: 'PSK-AES128-GCM-SHA256',
      maxVersion: 'TLSv1.2',
      checkServerIdentity: () => undefined, // PSK: there is no certificate to match a name against
    });
    client.on('error', () => {});
    client.on('secureConnect', () => client.write('hello from node\n'));
    client.on('data', () => client.end());
  });
  nodeClients.push(listener);
  return new Promise((resolve) => listener.listen(0, '127.0.0.1', () => resolve(listener.address().port)));
}

beforeAll(async () => {
  [servers.psk, servers.cert] = await Promise.all([
    startOpenSslServer({
      tls: '1.2',
      args: ['-rev', '-psk_identity', PSK_IDENTITY, '-psk', PSK_KEY.toString('hex'), '-cipher', 'PSK'],
    }),
    startOpenSslServer({ tls: '1.2' }), // certificate suites only
  ]);
  py = await startMicroPythonWorker();
  await py.setPeer({
    psk: servers.psk.port,
    cert: servers.cert.port,
    'node-psk-client': await nodePskClient(PSK_IDENTITY),
    'node-psk-stranger': await nodePskClient('stranger'),
  });
});

afterAll(async () => {
  await py.close();
  for (const listener of nodeClients) listener.close();
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

test.each(pythonTests(MODULE))('%s', (name) => py.run(MODULE, name));
