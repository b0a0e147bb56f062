#!/usr/bin/env node
// Throughput and handshake rate of TLS inside MicroPython-wasm over the package's own sockets
// (socket.socket, TCP through Node on this thread, non-blocking with await): a Python client
// against Node's tls server on loopback, 4 MiB one way in 16 KiB writes, then 20 handshakes.
// Prints figures; asserts nothing. throughput.mjs measures the same over a Python stream.
// Run: node tests/micropython/throughput-sockets.mjs (after make emscripten and tests/certs/make-certs.sh).
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { startMicroPython } from './support/micropython.js';
import { certDir } from '../support/paths.js';

const TOTAL = 4 * 1024 * 1024;
const server = tls.createServer({
  cert: readFileSync(`${certDir}/server.crt`), key: readFileSync(`${certDir}/server.key`),
}, (socket) => {
  let received = 0;
  socket.on('data', (chunk) => {
    received += chunk.length;
    if (received === 1) socket.write('k'); // a handshake probe
    if (received === 1 + TOTAL) socket.write('k');
  });
  socket.on('error', () => {});
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const py = await startMicroPython();
await py.mp.runPythonAsync(`
import socket, ssl, time
from harness import cert

async def connect():
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect(("127.0.0.1", ${server.address().port}))
    except OSError:
        pass
    await s.wait_writable()
    ss = ssl.wrap_socket(s, server_hostname="localhost", cadata=cert("ca.der"),
                         cert_reqs=ssl.CERT_REQUIRED, do_handshake=False)
    while ss.write(b"x") is None:
        await ss.wait()
    return ss

async def ack(ss):
    while True:
        r = ss.read(1)
        if r:
            return
        if r is None:
            await ss.wait()
        else:
            raise OSError("closed")

ss = await connect()
await ack(ss)
chunk = bytes(16384)
total = ${TOTAL}
t = time.ticks_ms()
sent = 0
view = memoryview(chunk)
while sent < total:
    n = ss.write(view[sent % len(chunk):])  # the rest of a chunk the socket took in part
    if n is None:
        await ss.wait()
    else:
        sent += n
await ack(ss)
ms = time.ticks_diff(time.ticks_ms(), t)
print("sockets bulk: %d KiB in %d ms = %.1f MiB/s (%s)" % (total // 1024, ms, total / 1048576 / (ms / 1000), ss.cipher()[0]))
ss.close()

t = time.ticks_ms()
for _ in range(20):
    ss = await connect()
    await ack(ss)
    ss.close()
ms = time.ticks_diff(time.ticks_ms(), t)
print("sockets handshakes: 20 in %d ms = %.1f per second (Node's tls server, TLS 1.3)" % (ms, 20000 / ms))
`);
console.log(py.output.join('\n'));
server.close();
process.exit(0);
