// The alert a client sends when it rejects the server certificate, and what the server reads of
// it, inside MicroPython-wasm (tests/micropython/python/test_rejection_alert.py).
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_rejection_alert';
let vm;
beforeAll(async () => { vm = await startMicroPython(); });

test.each(pythonTests(MODULE))('%s', (name) => vm.run(MODULE, name));
