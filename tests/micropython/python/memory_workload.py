# Workloads for memory.test.js, which measures the engine's heap around them: contexts and
# connections that Python creates and then forgets, or closes.
import gc
import tls
from harness import cert, pipe, pump


def contexts(n):
    for i in range(n):
        if i % 2:
            ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(cert("server.crt"), cert("server.key"))
        else:
            ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
            ctx.load_verify_locations(cert("ca.der"))
    ctx = None


def connections(n, close):
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.load_verify_locations(cert("ca.der"))
    server = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert("server.crt"), cert("server.key"))
    for _ in range(n):
        a, b = pipe()
        c = client.wrap_socket(a, server_hostname="localhost", do_handshake_on_connect=False)
        s = server.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
        pump(lambda: c.write(b"x"), lambda: s.read(1))
        if close:
            c.close()
            s.close()
    c = s = client = server = None


def collect():
    gc.collect()
