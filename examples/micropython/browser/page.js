// The page: serves the Worker's sockets through the bridge, or runs MicroPython itself.
// /wasm-ssl/ is the npm package (js/), /micropython/ the MicroPython-wasm package.
import { loadMicroPython } from '/micropython/micropython.mjs';
import { installMicroPython, serveWorkerSockets, bridgeConnector } from '/wasm-ssl/src/micropython/index.js';
import { blockingSnippet, asyncSnippet } from '/snippets.mjs';

const output = document.getElementById('output');
const config = await (await fetch('/config.json')).json(); // { bridge, port } from serve.mjs
const caDer = new Uint8Array(await (await fetch('/ca.der')).arrayBuffer());
const bridgeUrl = new URL(config.bridge, location.href.replace(/^http/, 'ws'));

function print(line) {
  output.textContent += `${line}\n`;
}

function inWorker() {
  if (!crossOriginIsolated) throw new Error('not cross-origin isolated: serve the page with COOP and COEP');
  const worker = new Worker('./worker.js', { type: 'module' });
  const sockets = serveWorkerSockets(worker, { connect: bridgeConnector(bridgeUrl) });
  worker.postMessage({ code: blockingSnippet(config.port), caDer });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => {
      if (event.data.print !== undefined) print(event.data.print);
      if (event.data.done) {
        sockets.close();
        worker.terminate();
        resolve();
      }
    };
    worker.onerror = (event) => reject(new Error(event.message));
  });
}

async function onMainThread() {
  const mp = await loadMicroPython({ stdout: print, stderr: print });
  await installMicroPython(mp, { bridge: bridgeUrl });
  mp.FS.writeFile('/ca.der', caDer);
  await mp.runPythonAsync(asyncSnippet(config.port));
}

const run = (name, job) => async () => {
  print(`== ${name}`);
  try {
    await job();
  } catch (err) {
    print(`error: ${err.message}`);
  }
};
const runWorker = run('in a Worker, blocking', inWorker);
const runMain = run('on the main thread, with await', onMainThread);
document.getElementById('worker').onclick = runWorker;
document.getElementById('main').onclick = runMain;

// ?auto runs both, one after the other, and says so in window.exampleDone (for the tests).
if (new URLSearchParams(location.search).has('auto')) {
  await runWorker();
  await runMain();
  window.exampleDone = output.textContent;
}
