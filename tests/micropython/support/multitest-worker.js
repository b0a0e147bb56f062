// One instance of a two-instance test (multitest.js): MicroPython in a Worker with blocking
// sockets, the instance's files in its working directory, and `_multitest`, the shared barrier
// and log behind the Python `multitest` object (multitest.py).
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript/micropython.mjs';
import { installMicroPython, workerSockets } from '../../../js/src/micropython/index.js';
import { prepare } from './micropython.js';

const { instance, instances, shared, files, source, waitMs } = workerData;
const header = new Int32Array(shared, 0, 4); // [arrivals, log length, lock]
const ARRIVALS = 0, LOG_LENGTH = 1, LOCK = 2;
const log = new Uint8Array(shared, 16);
const encoder = new TextEncoder(), decoder = new TextDecoder();
let barriers = 0;

// Waits while header[i] holds `value`; false after waitMs.
function waitChange(i, value) {
  const deadline = Date.now() + waitMs;
  while (Atomics.load(header, i) === value) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(header, i, value, left);
  }
  return true;
}

const multitestModule = {
  INSTANCE: instance,
  barrier() {
    barriers += 1;
    Atomics.add(header, ARRIVALS, 1);
    Atomics.notify(header, ARRIVALS);
    for (;;) {
      const arrived = Atomics.load(header, ARRIVALS);
      if (arrived >= barriers * instances) return true;
      if (!waitChange(ARRIVALS, arrived)) return false;
    }
  },
  post(text) {
    const bytes = encoder.encode(`${instance}${text}\n`);
    while (Atomics.compareExchange(header, LOCK, 0, 1) !== 0) Atomics.wait(header, LOCK, 1, 10);
    const at = Atomics.load(header, LOG_LENGTH);
    if (at + bytes.length > log.length) throw new Error('multitest: the shared log is full');
    log.set(bytes, at);
    Atomics.store(header, LOG_LENGTH, at + bytes.length);
    Atomics.store(header, LOCK, 0);
    Atomics.notify(header, LOG_LENGTH);
  },
  read(from) { return decoder.decode(log.slice(from, Atomics.load(header, LOG_LENGTH))); },
  wait_log(length) { return waitChange(LOG_LENGTH, length); },
};

const say = (line) => parentPort.postMessage({ line });
const mp = await loadMicroPython({ stdout: say, stderr: say });
await installMicroPython(mp, { sockets: workerSockets(parentPort) });
prepare(mp);
mp.registerJsModule('_multitest', multitestModule);
for (const [name, bytes] of Object.entries(files)) {
  const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '';
  if (dir && !mp.FS.analyzePath(dir).exists) mp.FS.mkdirTree(dir);
  mp.FS.writeFile(name, bytes);
}
const prelude = readFileSync(new URL('./multitest.py', import.meta.url), 'utf8');
try {
  // A file without instanceN() functions is a one-instance test: its body is the test.
  const call = /^def instance\d/m.test(source) ? `instance${instance}()\n` : '';
  mp.runPython(`${prelude}\n${source}\n${call}`);
} catch (err) {
  const text = String(err && err.message ? err.message : err);
  if (!/SystemExit/.test(text)) say(text.trimEnd());
}
parentPort.postMessage({ done: true });
