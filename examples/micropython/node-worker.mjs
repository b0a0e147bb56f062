// The Worker of node.mjs: MicroPython with sockets that block, running the Python it is sent.
import { parentPort } from 'node:worker_threads';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript/micropython.mjs';
import { installMicroPython, workerSockets } from 'wasm-ssl/micropython';

parentPort.once('message', async ({ code, caDer }) => {
  const print = (line) => parentPort.postMessage({ print: line });
  const mp = await loadMicroPython({ stdout: print, stderr: print });
  await installMicroPython(mp, { sockets: workerSockets(parentPort) });
  mp.FS.writeFile('/ca.der', caDer);
  try {
    mp.runPython(code);
  } catch (err) {
    print(err.message);
  }
  parentPort.postMessage({ done: true });
});
