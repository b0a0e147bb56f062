// select.poll() / ioctl(MP_STREAM_POLL) on sockets and SSLSockets (test_poll.py), on this
// thread; blocking poll() with a timeout in a Worker is in test_socket_blocking.py.
import { startMicroPython, pythonTests } from './support/micropython.js';

const MODULE = 'test_poll';
let py;
beforeAll(async () => {
  py = await startMicroPython();
});
test.each(pythonTests(MODULE))('%s', (name) => py.run(MODULE, name));
