# TLS over the port's own server socket: one instance serves with the test CA's "localhost"
# certificate, the other verifies it; application data crosses both ways.
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
    tls = ctx.wrap_socket(conn, server_side=True)
    print("server read", tls.read(16))
    tls.write(b"server to client")
    tls.close()
    s.close()


def instance1():
    multitest.next()
    s = socket.socket()
    s.connect(("127.0.0.1", PORT))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = ssl.CERT_REQUIRED  # ssl's contexts start at CERT_NONE
    ctx.load_verify_locations(cadata=cert("ca.der"))
    tls = ctx.wrap_socket(s, server_hostname="localhost")
    tls.write(b"client to server")
    print("client read", tls.read(16))
    print("cipher", tls.cipher()[1])
    tls.close()
