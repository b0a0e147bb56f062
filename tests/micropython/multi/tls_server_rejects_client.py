# A server that requires a client certificate, and a client without one, over real sockets.
# Under TLS 1.3 the client's handshake ends before the server decides; the client learns of
# the rejection from its next read, as the server's fatal alert.
import socket
import ssl
from harness import cert


def instance0():
    s = socket.socket()
    s.bind((multitest.BIND_ADDR, 0))
    s.listen(1)
    multitest.globals(PORT=s.getsockname()[1])
    multitest.next()
    conn, _ = s.accept()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert("server.der"), cert("server.key.der"))
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(cadata=cert("ca.der"))
    try:
        ctx.wrap_socket(conn, server_side=True)
        print("server: connected")
    except OSError as e:
        print("server:", e)
    multitest.wait("read")  # the socket stays open until the client has read the alert
    conn.close()
    s.close()


def instance1():
    multitest.next()
    s = socket.socket()
    s.connect(("127.0.0.1", PORT))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(cadata=cert("ca.der"))
    tls = ctx.wrap_socket(s, server_hostname="localhost")
    print("client: handshake over,", tls.cipher()[1])
    try:
        print("client read", tls.read(16))
    except OSError as e:
        print("client:", e)
    multitest.broadcast("read")
    s.close()
