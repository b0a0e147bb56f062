# TLS over the port's own server socket: one instance serves with the test CA's "localhost"
# certificate, the other verifies it; application data crosses both ways.
import socket
from harness import listen, server_context, verifying_client_context


def instance0():
    s = listen(multitest)
    multitest.next()
    conn, _ = s.accept()
    ctx = server_context()
    tls = ctx.wrap_socket(conn, server_side=True)
    print("server read", tls.read(16))
    tls.write(b"server to client")
    tls.close()
    s.close()


def instance1():
    multitest.next()
    s = socket.socket()
    s.connect(("127.0.0.1", PORT))
    ctx = verifying_client_context()
    tls = ctx.wrap_socket(s, server_hostname="localhost")
    tls.write(b"client to server")
    print("client read", tls.read(16))
    print("cipher", tls.cipher()[1])
    tls.close()
