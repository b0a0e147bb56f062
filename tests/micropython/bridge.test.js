// socket over the WebSocket→TCP bridge from Node (npm ws as the WebSocket), on the main
// thread (tests/micropython/python/test_bridge.py).
import { WebSocket } from 'ws';
import { startBridge } from '../../js/src/bridge/index.js';
import { startOpenSslServer } from '../support/openssl-server.js';
import { startMicroPython, pythonTests } from './support/micropython.js';
import { startTcpPeers } from './support/peers.js';

const MODULE = 'test_bridge';
let www, peers, bridge, py;
beforeAll(async () => {
  www = await startOpenSslServer({ args: ['-www'] });
  peers = await startTcpPeers();
  bridge = await startBridge({ allow: [`127.0.0.1:${www.port}`, `127.0.0.1:${peers.ports.closed}`], log: () => {} });
  py = await startMicroPython({ bridge: bridge.url(), WebSocket });
  py.setPeer({ www: www.port, closed: peers.ports.closed, 'not-allowed': peers.ports.echo });
});
afterAll(async () => {
  await bridge.close();
  peers.close();
  await www.stop();
});

test.each(pythonTests(MODULE))('%s', (name) => py.run(MODULE, name));
