// asyncio streams over TLS on this thread (test_asyncio_main_thread.py); asyncio.run() in
// Workers is in the two-instance tests (multi/asyncio_*.py).
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_asyncio_main_thread';
let py;
beforeAll(async () => {
  py = await startMicroPython();
});
test.each(pythonTests(MODULE))('%s', (name) => py.run(MODULE, name), 15000);
