// MicroPython-wasm (npm, pinned in package.json) with wasm-ssl installed, for the Python
// suites: on this thread (sockets that never block) or in a Worker (sockets that block, as on
// a board). Both see the test certificates at /certs and tests/micropython/python at /tests.
import { readFileSync, readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript/micropython.mjs';
import { installMicroPython, serveWorkerSockets, tcpConnector, tcpListener } from '../../../js/src/micropython/index.js';
import { certDir } from '../../support/paths.js';

const pythonDir = new URL('../python/', import.meta.url);

/** The test functions of tests/micropython/python/<module>.py, in file order. */
export function pythonTests(module) {
  const source = readFileSync(new URL(`${module}.py`, pythonDir), 'utf8');
  return [...source.matchAll(/^(?:async )?def (test_\w+)\(/gm)].map((m) => m[1]);
}

/** Certificates and test modules into a MicroPython's file system. */
export function prepare(mp) {
  const FS = mp.FS;
  for (const dir of ['/certs', '/tests']) if (!FS.analyzePath(dir).exists) FS.mkdir(dir);
  for (const name of readdirSync(certDir)) {
    if (/\.(crt|der|key|pem)$/.test(name)) FS.writeFile(`/certs/${name}`, readFileSync(`${certDir}/${name}`));
  }
  for (const name of readdirSync(pythonDir)) {
    if (name.endsWith('.py')) FS.writeFile(`/tests/${name}`, readFileSync(new URL(name, pythonDir)));
  }
  mp.runPython('import sys\nsys.path.append("/tests")');
}

const q = JSON.stringify; // a JS string literal is a Python one for these names

/** Runs harness.run(module, test) in mp; rejects with the Python traceback. */
export function runTest(mp, module, test) {
  return mp.runPythonAsync(`import harness\nawait harness.run(${q(module)}, ${q(test)})`);
}

/** Sets harness.peer (ports, names) from a JSON-able object of strings and numbers. */
export function setPeer(mp, values) {
  mp.runPython(`import harness\nharness.peer.update(${q(values)})`);
}

/**
 * MicroPython on this thread. options go to installMicroPython (default: TCP sockets that
 * never block).
 */
export async function startMicroPython(options = {}) {
  const output = [];
  const mp = await loadMicroPython({ stdout: (line) => output.push(line), stderr: (line) => output.push(line) });
  const { engine } = await installMicroPython(mp, options);
  prepare(mp);
  return {
    mp,
    engine,
    output,
    run: (module, test) => runTest(mp, module, test),
    setPeer: (values) => setPeer(mp, values),
  };
}

/**
 * MicroPython in a Node Worker whose sockets block; the transports live on this thread. A
 * test that has not finished after `timeoutMs` stops the Worker (a blocked read never
 * returns), and every later call fails at once.
 */
export async function startMicroPythonWorker({ timeoutMs = 20000 } = {}) {
  const worker = new Worker(new URL('./worker-main.js', import.meta.url));
  const sockets = serveWorkerSockets(worker, { connect: await tcpConnector(), listen: await tcpListener() });
  const pending = new Map();
  let next = 1;
  let stopped = null;
  const stop = (why) => {
    stopped = why;
    for (const { reject } of pending.values()) reject(why);
    pending.clear();
    sockets.close();
    return worker.terminate();
  };
  worker.on('message', (m) => {
    if (!m || !m.reply || !pending.has(m.reply)) return;
    const { resolve, reject } = pending.get(m.reply);
    pending.delete(m.reply);
    if (m.error) reject(Object.assign(new Error(m.error), { name: 'PythonError' }));
    else resolve(m.value);
  });
  worker.on('error', (err) => stop(err));
  const call = (request) => new Promise((resolve, reject) => {
    if (stopped) {
      reject(stopped);
      return;
    }
    const id = next++;
    const timer = setTimeout(() => stop(new Error(`the Worker did not finish ${JSON.stringify(request)} in ${timeoutMs} ms; it was stopped`)), timeoutMs);
    const settle = (f) => (value) => { clearTimeout(timer); f(value); };
    pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
    worker.postMessage({ ...request, id });
  });
  await call({ op: 'ready' });
  return {
    run: (module, test) => call({ op: 'run', module, test }),
    setPeer: (values) => call({ op: 'peer', values }),
    close: () => (stopped ? undefined : stop(new Error('closed'))),
  };
}
