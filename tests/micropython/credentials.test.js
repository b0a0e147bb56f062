// Keys, certificates and CA data inside MicroPython-wasm (tests/micropython/python/test_credentials.py).
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_credentials';
let vm;
beforeAll(async () => { vm = await startMicroPython(); });

test.each(pythonTests(MODULE))('%s', (name) => vm.run(MODULE, name));
