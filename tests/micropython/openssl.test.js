// tests/micropython/python/test_openssl.py in a Worker (blocking sockets, as on a board):
// against openssl s_server processes, and as a server to a Node TLS client.
import net from 'node:net';
import tls from 'node:tls';
import { startOpenSslServer } from '../support/openssl-server.js';
import { certDir, certFile } from '../support/paths.js';
import { startMicroPythonWorker, pythonTests } from './support/micropython.js';

const MODULE = 'test_openssl';
let py;
const servers = {};
let nodeClients = [];
const PSK_IDENTITY = 'micropython';
const PSK_KEY = Buffer.from('secret-shared-key'); // as test_openssl.py's

// A TCP listener whose accepted connections become the client side of a Node TLS
// connection: Python dials in, then plays the TLS server.
function nodeTlsClient(options) {
  const server = net.createServer((socket) => {
    const client = tls.connect({ socket, servername: 'localhost', ca: Buffer.from(certFile('ca.crt')), ...options });
    client.on('error', () => {});
    client.on('secureConnect', () => client.write('hello from node\n'));
    client.on('data', () => client.end());
  });
  nodeClients.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

beforeAll(async () => {
  const start = async (name, options) => { servers[name] = await startOpenSslServer(options); };
  await Promise.all([
    start('www', { args: ['-www'] }),
    start('echo1.2', { tls: '1.2' }),
    start('echo1.3', { tls: '1.3' }),
    start('rsa1.2', { tls: '1.2', cert: 'server-rsa' }),
    start('psk', { tls: '1.2', args: ['-rev', '-psk_identity', PSK_IDENTITY, '-psk', PSK_KEY.toString('hex'), '-cipher', 'PSK'] }),
    start('wrong-host', { cert: 'wrong-host' }),
    start('expired', { cert: 'expired' }),
    start('untrusted', { cert: 'untrusted' }),
    start('client-auth', { args: ['-rev', '-Verify', '1', '-CAfile', `${certDir}/ca.crt`] }),
  ]);
  py = await startMicroPythonWorker();
  const ports = Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, s.port]));
  ports['node-client'] = await nodeTlsClient({});
  ports['node-client-with-cert'] = await nodeTlsClient({ key: Buffer.from(certFile('client.key')), cert: Buffer.from(certFile('client.crt')) });
  ports['node-psk-client'] = await nodeTlsClient({
    pskCallback: () => ({ identity: PSK_IDENTITY, psk: PSK_KEY }), ciphers: 'PSK-AES128-GCM-SHA256', maxVersion: 'TLSv1.2',
    checkServerIdentity: () => undefined, // PSK: there is no certificate to match a name against
  });
  await py.setPeer(ports);
});

afterAll(async () => {
  await py.close();
  for (const server of nodeClients) server.close();
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

test.each(pythonTests(MODULE))('%s', (name) => py.run(MODULE, name));
