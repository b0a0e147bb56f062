// A two-instance test runner in the manner of MicroPython's run-multitests.py: each instance
// is MicroPython-wasm in its own Worker (blocking sockets, served from this thread over TCP
// loopback), running `source` with `multitest` defined (multitest.py) and then instanceN().
import { Worker } from 'node:worker_threads';
import { serveWorkerSockets, tcpConnector, tcpListener } from '../../../js/src/micropython/index.js';

const LOG_BYTES = 1 << 16;

/**
 * Runs `source` as `instances` instances; resolves with each one's output lines. An instance
 * that has not finished after timeoutMs is stopped and its output ends with a note saying so.
 * @param {{ source: string, files?: Record<string, Uint8Array>, instances?: number,
 *   timeoutMs?: number }} options  files are written to each instance's working directory
 */
export async function runMultitest({ source, files = {}, instances = 2, timeoutMs = 20000 }) {
  const shared = new SharedArrayBuffer(16 + LOG_BYTES);
  const connect = await tcpConnector();
  const listen = await tcpListener();
  const runs = [];
  for (let instance = 0; instance < instances; instance += 1) {
    const worker = new Worker(new URL('./multitest-worker.js', import.meta.url), {
      workerData: { instance, instances, shared, files, source, waitMs: timeoutMs },
    });
    const sockets = serveWorkerSockets(worker, { connect, listen });
    const output = [];
    runs.push(new Promise((resolve) => {
      let timer = null;
      const finish = (note) => {
        clearTimeout(timer);
        if (note) output.push(note);
        sockets.close();
        worker.terminate().then(() => resolve(output));
      };
      timer = setTimeout(() => finish(`(instance${instance} stopped after ${timeoutMs} ms)`), timeoutMs);
      worker.on('message', (m) => {
        if (m && typeof m.line === 'string') output.push(m.line);
        else if (m && m.done) finish();
      });
      worker.on('error', (err) => finish(`(instance${instance} failed: ${err && err.message})`));
    }));
  }
  return Promise.all(runs);
}

/** The outputs as run-multitests.py writes them (and .exp files hold them). */
export function formatOutputs(outputs) {
  return outputs.map((lines, i) => `--- instance${i} ---\n${lines.map((l) => `${l}\n`).join('')}`).join('');
}
