// The engine's error classes and tls.py's exceptions inside MicroPython-wasm (tests/micropython/python/test_error_class.py).
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_error_class';
let vm;
beforeAll(async () => { vm = await startMicroPython(); });

test.each(pythonTests(MODULE))('%s', (name) => vm.run(MODULE, name));
