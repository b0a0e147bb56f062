// TLS-PSK through tls.SSLContext inside MicroPython-wasm (tests/micropython/python/test_psk.py).
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_psk';
let vm;
beforeAll(async () => { vm = await startMicroPython(); });

test.each(pythonTests(MODULE))('%s', (name) => vm.run(MODULE, name));
