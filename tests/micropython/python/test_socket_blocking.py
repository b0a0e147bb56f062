# socket in a Worker, where blocking calls block: against a TCP echo server of the JS side
# (harness.peer["echo"]), a port nobody listens on (peer["closed"]), and a server that
# accepts and never answers (peer["silent"]).
import errno
import socket
from harness import peer, raises, eq


def connect(name):
    s = socket.socket()
    s.connect(socket.getaddrinfo("127.0.0.1", peer[name])[0][-1])
    return s


def test_getaddrinfo_gives_a_stream_address_for_the_name():
    info = socket.getaddrinfo("localhost", 443)
    eq(info, [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("localhost", 443))])
    eq(socket.getaddrinfo("::1", 1)[0][0], socket.AF_INET6)
    raises(TypeError, socket.getaddrinfo, "localhost", "443")


def test_send_recv_and_the_stream_methods():
    s = connect("echo")
    eq(s.send(b"abc"), 3)
    eq(s.recv(3), b"abc")  # blocks until the echo arrives
    eq(s.write(b"line one\nline two\n"), 18)
    eq(s.readline(), b"line one\n")
    eq(s.read(9), b"line two\n")
    s.sendall(b"12345")
    buf = bytearray(5)
    eq(s.readinto(buf), 5)
    eq(buf, bytearray(b"12345"))
    s.close()


def test_end_of_stream_is_empty_bytes():
    s = connect("echo")
    s.write(b"bye")
    s.write(b"\x00")  # the echo server closes after a NUL
    eq(s.read(), b"bye\x00")
    eq(s.recv(10), b"")
    s.close()


def test_a_refused_connection_is_econnrefused():
    s = socket.socket()
    eq(raises(OSError, s.connect, ("127.0.0.1", peer["closed"])).errno, errno.ECONNREFUSED)


def test_a_bad_address_is_a_clear_error():
    raises(TypeError, socket.socket().connect, ("127.0.0.1", "80"))
    raises(TypeError, socket.socket().connect, (None, 80))
    eq(raises(OSError, socket.socket().connect, ("127.0.0.1", 70000)).errno, errno.EINVAL)


def test_a_timeout_is_etimedout_and_non_blocking_is_eagain():
    s = connect("silent")
    s.settimeout(0.05)
    eq(raises(OSError, s.recv, 1).errno, errno.ETIMEDOUT)
    s.setblocking(False)
    eq(raises(OSError, s.recv, 1).errno, errno.EAGAIN)
    eq(s.read(1), None)
    eq(s.readline(), None)
    s.setblocking(True)
    s.close()


def test_close_twice_and_use_after_close():
    s = connect("echo")
    s.close()
    s.close()
    for call in (lambda: s.send(b"x"), lambda: s.recv(1), lambda: s.write(b"x"), lambda: s.read(1)):
        eq(raises(OSError, call).errno, errno.EBADF)
    eq(raises(OSError, s.connect, ("127.0.0.1", peer["echo"])).errno, errno.EBADF)


def test_an_unconnected_socket_is_enotconn():
    eq(raises(OSError, socket.socket().recv, 1).errno, errno.ENOTCONN)


def test_only_stream_sockets_exist():
    raises(OSError, socket.socket, socket.AF_INET, 2)


def test_a_tls_handshake_that_gets_no_answer_times_out_with_the_socket_timeout():
    # As on a board: the timeout is the socket's (settimeout before wrap_socket), and it ends
    # the TLS handshake, and later reads, with OSError(ETIMEDOUT).
    import ssl

    s = connect("silent")
    s.settimeout(0.1)
    e = raises(OSError, ssl.wrap_socket, s, server_hostname="localhost")
    eq(e.errno, errno.ETIMEDOUT)
    s.close()


def listening():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(2)
    return s


def test_a_server_socket_accepts_with_the_peers_address():
    server = listening()
    port = server.getsockname()[1]
    client = socket.socket()
    client.connect(("127.0.0.1", port))
    conn, addr = server.accept()  # blocks until the connection arrives
    eq(addr[0], "127.0.0.1")
    client.write(b"ping")
    eq(conn.read(4), b"ping")
    conn.write(b"pong")
    eq(client.read(4), b"pong")
    for s in (client, conn, server):
        s.close()


def test_a_port_in_use_is_eaddrinuse_at_listen():
    server = listening()
    other = socket.socket()
    other.bind(("127.0.0.1", server.getsockname()[1]))
    eq(raises(OSError, other.listen, 1).errno, errno.EADDRINUSE)
    server.close()


def test_accept_without_a_waiting_connection():
    server = listening()
    server.setblocking(False)
    eq(raises(OSError, server.accept).errno, errno.EAGAIN)
    server.settimeout(0.1)
    eq(raises(OSError, server.accept).errno, errno.ETIMEDOUT)
    eq(raises(OSError, socket.socket().accept).errno, errno.EINVAL)  # never listened
    server.close()
    eq(raises(OSError, server.accept).errno, errno.EBADF)


def test_select_poll_waits_for_a_socket_and_a_listener():
    import select

    server = listening()
    p = select.poll()
    p.register(server, select.POLLIN)
    eq(p.poll(50), [])  # nothing waits: the timeout passes
    client = socket.socket()
    client.connect(("127.0.0.1", server.getsockname()[1]))
    eq(p.poll(2000), [(server, select.POLLIN)])
    conn, _ = server.accept()
    p.register(client, select.POLLIN)
    conn.write(b"x")
    eq(p.poll(2000), [(client, select.POLLIN)])  # waits for the byte to arrive
    for s in (client, conn, server):
        s.close()


def test_blocking_tls_over_a_package_socket_moves_its_bytes_through_the_engine_imports():
    # Against an openssl s_server -www (peer["www"]): the engine pulls and pushes the socket's
    # encrypted bytes itself and tls waits on the socket, blocking, in between; Python's
    # stream methods of the socket carry none of them.
    import ssl
    from harness import cert

    class CountingSocket(socket.socket):
        calls = 0

        def readinto(self, buf, nbytes=-1):
            CountingSocket.calls += 1
            return super().readinto(buf, nbytes)

        def _raw_readinto(self, buf):
            CountingSocket.calls += 1
            return super()._raw_readinto(buf)

        def write(self, buf):
            CountingSocket.calls += 1
            return super().write(buf)

    s = CountingSocket()
    s.connect(("127.0.0.1", peer["www"]))
    ss = ssl.wrap_socket(s, server_hostname="localhost", cadata=cert("ca.der"), cert_reqs=ssl.CERT_REQUIRED)
    eq(ss.write(b"GET / HTTP/1.0\r\n\r\n"), 18)
    eq(ss.read(16), b"HTTP/1.0 200 ok\r")  # blocks until the response arrives
    eq(CountingSocket.calls, 0)
    ss.close()
