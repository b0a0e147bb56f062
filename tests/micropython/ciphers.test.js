// Cipher suites inside MicroPython-wasm (tests/micropython/python/test_ciphers.py).
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_ciphers';
let vm;
beforeAll(async () => { vm = await startMicroPython(); });

test.each(pythonTests(MODULE))('%s', (name) => vm.run(MODULE, name));
