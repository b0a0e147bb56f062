// Servers with 512- and 1024-bit RSA keys inside MicroPython-wasm (tests/micropython/python/test_small_rsa_keys.py).
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_small_rsa_keys';
let vm;
beforeAll(async () => { vm = await startMicroPython(); });

test.each(pythonTests(MODULE))('%s', (name) => vm.run(MODULE, name));
