// The Worker: MicroPython with sockets that block; the page owns the connections.
import { loadMicroPython } from '/micropython/micropython.mjs';
import { installMicroPython, workerSockets } from '/wasm-ssl/src/micropython/index.js';

self.onmessage = async ({ data: { code, caDer } }) => {
  const print = (line) => self.postMessage({ print: line });
  const mp = await loadMicroPython({ stdout: print, stderr: print });
  await installMicroPython(mp, { sockets: workerSockets(self) });
  mp.FS.writeFile('/ca.der', caDer);
  try {
    mp.runPython(code);
  } catch (err) {
    print(err.message);
  }
  self.postMessage({ done: true });
};
