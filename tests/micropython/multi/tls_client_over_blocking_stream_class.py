# A client whose stream is a Python class around a blocking socket, whose readinto() waits for
# the whole buffer (as a board's does): TLS must ask it for no more than the engine waits for,
# or the handshake waits for bytes the server is not going to send.
import socket
import ssl
from harness import cert


class Wrapped:
    def __init__(self, sock):
        self.sock = sock
        self.reads = 0

    def readinto(self, buf):
        self.reads += 1
        return self.sock.readinto(buf)

    def write(self, buf):
        return self.sock.write(buf)

    def close(self):
        self.sock.close()


def instance0():
    s = socket.socket()
    s.bind((multitest.BIND_ADDR, 0))
    s.listen(1)
    multitest.globals(PORT=s.getsockname()[1])
    multitest.next()
    conn, _ = s.accept()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert("server.der"), cert("server.key.der"))
    tls = ctx.wrap_socket(conn, server_side=True)
    print("server read", tls.read(16))
    tls.write(b"server to client")
    tls.close()
    s.close()


def instance1():
    multitest.next()
    s = socket.socket()
    s.connect(("127.0.0.1", PORT))
    stream = Wrapped(s)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(cadata=cert("ca.der"))
    tls = ctx.wrap_socket(stream, server_hostname="localhost")
    tls.write(b"client to server")
    print("client read", tls.read(16))
    print("through the class", stream.reads > 0)
    tls.close()
