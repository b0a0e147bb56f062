// The tls and ssl modules' surface inside MicroPython-wasm (tests/micropython/python/test_module.py).
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_module';
let vm;
beforeAll(async () => { vm = await startMicroPython(); });

test.each(pythonTests(MODULE))('%s', (name) => vm.run(MODULE, name));
