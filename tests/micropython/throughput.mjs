#!/usr/bin/env node
// Throughput and handshake rate of TLS inside MicroPython-wasm: a client and a server in one
// interpreter over an in-memory pipe (tests/micropython/python/harness.py), 4 MiB one way in
// 16 KiB writes, then 20 handshakes. Prints figures; asserts nothing.
// Run: node tests/micropython/throughput.mjs (after make emscripten and tests/certs/make-certs.sh).
import { startMicroPython } from './support/micropython.js';

const py = await startMicroPython();
py.mp.runPython(`
import time, tls
from harness import cert, pipe, pump

def contexts():
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.load_verify_locations(cert("ca.der"))
    server = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert("server.crt"), cert("server.key"))
    return client, server

def connect(client, server):
    a, b = pipe()
    c = client.wrap_socket(a, server_hostname="localhost", do_handshake_on_connect=False)
    s = server.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    pump(lambda: c.write(b"x"), lambda: s.read(1))
    return c, s

client, server = contexts()
c, s = connect(client, server)
chunk = bytes(16384)
buf = bytearray(65536)
total = 4 * 1024 * 1024
t = time.ticks_ms()
sent = received = 0
while received < total:
    if sent < total:
        sent += c.write(chunk)
    n = s.readinto(buf)
    received += n or 0
ms = time.ticks_diff(time.ticks_ms(), t)
print("bulk: %d KiB in %d ms = %.1f MiB/s (%s)" % (total // 1024, ms, total / 1048576 / (ms / 1000), c.cipher()[0]))

t = time.ticks_ms()
for _ in range(20):
    c2, s2 = connect(client, server)
    c2.close()
    s2.close()
ms = time.ticks_diff(time.ticks_ms(), t)
print("handshakes: 20 in %d ms = %.1f per second (ECDSA P-256, TLS 1.3, both ends in one interpreter)" % (ms, 20000 / ms))
`);
console.log(py.output.join('\n'));
