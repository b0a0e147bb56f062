# Servers with small RSA keys, as MicroPython's own tests use them (512 bits in
# multi_net/ssl_data.py, 1024 in extmod/ssl_poll.py), against a client that offers TLS 1.2
# and 1.3. TLS 1.3 signs with RSA only by RSA-PSS, which a 512-bit key cannot do: that server
# negotiates TLS 1.2. A 1024-bit key serves TLS 1.3 (RSA-PSS with SHA-256).
import tls
from harness import cert, eq, pipe, pump


def exchange(name):
    """A handshake and one message each way; returns the client's protocol version."""
    server_ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert(name + ".der"), cert(name + ".key.der"))
    client_ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client_ctx.verify_mode = tls.CERT_NONE  # as those tests' clients (the chain is not the point)
    a, b = pipe()
    c = client_ctx.wrap_socket(a, server_hostname="localhost", do_handshake_on_connect=False)
    s = server_ctx.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    pump(lambda: c.write(b"client to server"), lambda: s.read(16))
    pump(lambda: s.write(b"server to client"), lambda: c.read(16))
    version = c.cipher()[1]  # (suite, protocol version), as on a board
    c.close()
    s.close()
    return version


def test_a_512_bit_server_key_negotiates_tls12():
    eq(exchange("server-rsa512"), "TLSv1.2")


def test_a_1024_bit_server_key_serves_tls13():
    eq(exchange("server-rsa1024"), "TLSv1.3")
