# A server that requires a client certificate, and a client without one, over real sockets.
# Under TLS 1.3 the client's handshake ends before the server decides; the client learns of
# the rejection from its next read, as the server's fatal alert.
import socket
import ssl
from harness import cert, listen, server_context, verifying_client_context


def instance0():
    s = listen(multitest)
    multitest.next()
    conn, _ = s.accept()
    ctx = server_context()
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
    ctx = verifying_client_context()
    tls = ctx.wrap_socket(s, server_hostname="localhost")
    print("client: handshake over,", tls.cipher()[1])
    try:
        print("client read", tls.read(16))
    except OSError as e:
        print("client:", e)
    multitest.broadcast("read")
    s.close()
