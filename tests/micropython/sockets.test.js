// The socket module: blocking in a Worker (test_socket_blocking.py), non-blocking with await
// on this thread (test_main_thread.py), against TCP peers and an openssl s_server.
import { startOpenSslServer } from '../support/openssl-server.js';
import { startMicroPython, startMicroPythonWorker, pythonTests } from './support/micropython.js';
import { startTcpPeers } from './support/peers.js';
import { directSockets, tcpConnector } from '../../js/src/micropython/index.js';

let peers, www;
beforeAll(async () => {
  peers = await startTcpPeers();
  www = await startOpenSslServer({ args: ['-www'] });
});
afterAll(async () => {
  peers.close();
  await www.stop();
});

describe('in a Worker', () => {
  const MODULE = 'test_socket_blocking';
  let py;
  beforeAll(async () => {
    py = await startMicroPythonWorker();
    await py.setPeer({ ...peers.ports, www: www.port });
  });
  afterAll(() => py.close());
  test.each(pythonTests(MODULE))('%s', (name) => py.run(MODULE, name));
});

describe('on the main thread', () => {
  const MODULE = 'test_main_thread';
  let py;
  beforeAll(async () => {
    py = await startMicroPython();
    py.setPeer({ ...peers.ports, www: www.port });
  });
  test.each(pythonTests(MODULE))('%s', (name) => py.run(MODULE, name));
});

describe('without a listener (as in a browser)', () => {
  const MODULE = 'test_no_listener';
  let py;
  beforeAll(async () => {
    py = await startMicroPython({ sockets: directSockets(await tcpConnector()) });
  });
  test.each(pythonTests(MODULE))('%s', (name) => py.run(MODULE, name));
});
