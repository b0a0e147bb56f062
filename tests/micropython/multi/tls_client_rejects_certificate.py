# A client that rejects the server's certificate, over real sockets: the server learns it from
# the client's fatal alert (MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, in TLS 1.3 as in TLS 1.2), the
# client raises the certificate checks that failed. Once with an expired certificate, once with
# a certificate for another name.
import socket
from harness import listen, server_context, verifying_client_context

CASES = (("expired", "localhost"), ("server", "not-the-server.example"))


def instance0():
    s = listen(multitest)
    multitest.next()
    for name, _ in CASES:
        conn, _ = s.accept()
        ctx = server_context(name)
        try:
            ctx.wrap_socket(conn, server_side=True)
            print("server: connected")
        except OSError as e:
            print("server:", e)
        multitest.broadcast("seen " + name)
        conn.close()
    s.close()


def instance1():
    multitest.next()
    for name, hostname in CASES:
        s = socket.socket()
        s.connect(("127.0.0.1", PORT))
        ctx = verifying_client_context()
        try:
            ctx.wrap_socket(s, server_hostname=hostname)
            print("client: connected")
        except ValueError as e:
            print("client:", e.args[0].strip())
        multitest.wait("seen " + name)  # the socket stays open until the server has read it
        s.close()
