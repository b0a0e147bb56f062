# A client whose stream is a Python class around a blocking socket, whose readinto() waits for
# the whole buffer (as a board's does): TLS must ask it for no more than the engine waits for,
# or the handshake waits for bytes the server is not going to send.
import socket
from harness import Counting, listen, server_context, verifying_client_context


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
    stream = Counting(s)  # a blocking socket's readinto() waits for the whole buffer
    ctx = verifying_client_context()
    tls = ctx.wrap_socket(stream, server_hostname="localhost")
    tls.write(b"client to server")
    print("client read", tls.read(16))
    print("through the class", stream.count > 0)
    tls.close()
