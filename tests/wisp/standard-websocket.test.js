// WispSession over the standard WebSocket API (Node's --experimental-websocket, undici's, the
// browsers' interface: no 'drain' event, no pause), given only the URL: verified TLS through
// the bridge (wisp: true), byte-exact, with writes large enough to wait on bufferedAmount.
import { execFile } from 'node:child_process';
import { startBridge } from '../../js/src/bridge/index.js';
import { repoRoot } from '../support/paths.js';
import { tlsEchoServer } from './support/peers.js';

test('10 TLS connections x 1 MiB each way over one standard WebSocket, from its URL', async () => {
  const echo = await tlsEchoServer();
  const bridge = await startBridge({ wisp: true, allow: [`localhost:${echo.port}`], log: () => {} });
  try {
    const out = await new Promise((resolve, reject) => {
      execFile(process.execPath, ['--experimental-websocket', '--no-warnings',
        `${repoRoot}/tests/wisp/support/standard-websocket-client.mjs`, bridge.wispUrl(), String(echo.port), '10', String(1 << 20)],
      { timeout: 30_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
    });
    const result = JSON.parse(out.trim().split('\n').pop());
    expect(result).toMatchObject({ results: Array(10).fill(true), refused: 'EACCES', standard: true });
    console.log(`standard WebSocket: 10 TLS connections x 1 MiB each way over one WebSocket in ${result.ms} ms`);
  } finally {
    await bridge.close();
    await echo.close();
  }
}, 40_000);
