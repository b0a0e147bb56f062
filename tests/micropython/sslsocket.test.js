// SSLSocket over an in-memory pipe inside MicroPython-wasm (tests/micropython/python/test_sslsocket.py).
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_sslsocket';
let vm;
beforeAll(async () => { vm = await startMicroPython(); });

test.each(pythonTests(MODULE))('%s', (name) => vm.run(MODULE, name));
