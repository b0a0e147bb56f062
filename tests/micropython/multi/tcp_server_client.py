# A plain TCP server in one instance and its client in the other: bind to port 0, listen,
# accept (with the peer's address), then bytes both ways and end of stream.
import socket
from harness import eq


def instance0():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(socket.getaddrinfo(multitest.BIND_ADDR, 0)[0][-1])
    s.listen(1)
    host, port = s.getsockname()
    assert port > 0, port
    multitest.globals(IP=multitest.get_network_ip(), PORT=port)
    multitest.next()
    conn, addr = s.accept()
    eq(addr[0], "127.0.0.1")
    print("server got", conn.recv(16))
    conn.write(b"hello client")
    conn.close()
    s.close()


def instance1():
    multitest.next()
    s = socket.socket()
    s.connect(socket.getaddrinfo(IP, PORT)[0][-1])
    s.write(b"hello server")
    print("client got", s.read(12))
    eq(s.read(), b"")  # the server closed
    s.close()
