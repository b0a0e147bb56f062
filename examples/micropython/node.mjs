#!/usr/bin/env node
// MicroPython-wasm in Node with `import ssl`: the seed's snippet, unchanged, in a Worker (its
// socket blocks, as on a board), then the same request with asyncio on the main thread, both
// against a local openssl s_server with CERT_REQUIRED. Run: node examples/micropython/node.mjs
import { Worker } from 'node:worker_threads';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript/micropython.mjs';
import { installMicroPython, serveWorkerSockets, tcpConnector } from 'wasm-ssl/micropython';
import { startLocalServer } from './local-server.mjs';
import { blockingSnippet, asyncSnippet } from './snippets.mjs';

async function inWorker(code, caDer) {
  const worker = new Worker(new URL('./node-worker.mjs', import.meta.url));
  const sockets = serveWorkerSockets(worker, { connect: await tcpConnector() });
  worker.postMessage({ code, caDer });
  await new Promise((resolve, reject) => {
    worker.on('message', (m) => {
      if (m.print !== undefined) console.log(m.print);
      if (m.done) resolve();
    });
    worker.on('error', reject);
  });
  sockets.close();
  await worker.terminate();
}

async function onMainThread(code, caDer) {
  const mp = await loadMicroPython({ stdout: console.log, stderr: console.log });
  await installMicroPython(mp); // sockets: TCP from this thread, never blocking
  mp.FS.writeFile('/ca.der', caDer);
  await mp.runPythonAsync(code);
}

const server = await startLocalServer();
const timer = setTimeout(() => { console.error('gave up after 60 s'); process.exit(1); }, 60000);
try {
  console.log(`== in a Worker, blocking (openssl s_server on localhost:${server.port})`);
  await inWorker(blockingSnippet(server.port), server.caDer);
  console.log('\n== on the main thread, with await');
  await onMainThread(asyncSnippet(server.port), server.caDer);
} finally {
  clearTimeout(timer);
  await server.stop();
}
