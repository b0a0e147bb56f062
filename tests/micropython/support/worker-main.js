// The Worker side of startMicroPythonWorker(): MicroPython with blocking sockets, running the
// tests the main thread names, one at a time.
import { parentPort } from 'node:worker_threads';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript/micropython.mjs';
import { installMicroPython, workerSockets } from '../../../js/src/micropython/index.js';
import { prepare, runTest, setPeer } from './micropython.js';

const mp = await loadMicroPython({ stdout: () => {}, stderr: () => {} });
await installMicroPython(mp, { sockets: workerSockets(parentPort) });
prepare(mp);

parentPort.on('message', async (m) => {
  if (!m || !m.op) return;
  try {
    if (m.op === 'run') await runTest(mp, m.module, m.test);
    if (m.op === 'peer') setPeer(mp, m.values);
    parentPort.postMessage({ reply: m.id });
  } catch (err) {
    parentPort.postMessage({ reply: m.id, error: String(err && err.message ? err.message : err) });
  }
});
