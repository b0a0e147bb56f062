// Engine memory that Python objects hold comes back when Python lets go of them: 128 contexts
// created and dropped, connections closed or dropped. Measured with wssl_heap_stats (bytes
// that mbedtls and the engine have allocated); MicroPython frees what it dropped on
// gc.collect(), and JavaScript's collector then runs the engine's finalizers.
import v8 from 'node:v8';
import vm from 'node:vm';
import { startMicroPython } from './support/micropython.js';

v8.setFlagsFromString('--expose-gc');
const jsGc = vm.runInNewContext('gc');

let py;
const heapInUse = () => py.engine.exports.wssl_heap_stats(0);
const workload = (call) => py.mp.runPython(`import memory_workload\nmemory_workload.${call}`);

// Python's collection, then JavaScript's (whose finalizers run on a later turn).
async function collectOnce() {
  workload('collect()');
  jsGc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}

// ... until the heap is down to `target`, or 5 s of rounds have not got it there (a loaded
// machine runs JavaScript's finalizers late: 20 rounds of 10 ms were once not enough).
async function collect(target) {
  const deadline = Date.now() + 5000;
  while (heapInUse() > target && Date.now() < deadline) await collectOnce();
  return heapInUse();
}

beforeAll(async () => {
  py = await startMicroPython();
  workload('contexts(2)'); // one-time allocations (PSA, the cipher list) happen here
  workload('connections(1, True)');
  for (let i = 0; i < 3; i++) await collectOnce();
});

test('128 contexts created and dropped: the engine heap returns to where it was', async () => {
  const before = heapInUse();
  workload('contexts(128)');
  const held = heapInUse() - before;
  expect(held).toBeGreaterThan(128 * 500); // they did hold engine memory (certificates, keys)
  expect(await collect(before)).toBe(before);
});

test('128 handshakes whose sockets are closed leave nothing behind', async () => {
  const before = heapInUse();
  workload('connections(128, True)');
  expect(await collect(before)).toBe(before);
});

test('connections dropped without close() are freed by the collectors', async () => {
  const before = heapInUse();
  workload('connections(16, False)');
  expect(heapInUse()).toBeGreaterThan(before);
  expect(await collect(before)).toBe(before);
});
