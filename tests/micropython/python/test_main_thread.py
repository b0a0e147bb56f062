# On the JavaScript main thread nothing may block: non-blocking sockets answer at once and
# Python awaits readiness between calls. Peers as for test_socket_blocking, plus an openssl
# s_server -www (peer["www"]).
import asyncio
import errno
import socket
import ssl
from harness import cert, peer, raises, eq


async def connected(name):
    return await connected_to(peer[name])


async def connected_to(port):
    s = socket.socket()
    s.setblocking(False)
    eq(raises(OSError, s.connect, ("127.0.0.1", port)).errno, errno.EINPROGRESS)
    await s.wait_writable()
    return s


def test_a_blocking_socket_says_why_it_cannot_wait_here():
    s = socket.socket()
    e = raises(OSError, s.connect, ("127.0.0.1", peer["echo"]))
    eq(e.errno, errno.EAGAIN)
    assert "cannot block" in e.args[1] and "setblocking(False)" in e.args[1] and "Worker" in e.args[1], e.args


def test_a_bad_address_is_a_clear_error():
    s = socket.socket()
    s.setblocking(False)
    raises(TypeError, s.connect, ("127.0.0.1", b"80"))
    eq(raises(OSError, s.connect, ("127.0.0.1", 70000)).errno, errno.EINVAL)


async def test_non_blocking_reads_are_none_until_data_arrives():
    s = await connected("echo")
    eq(s.read(3), None)
    eq(raises(OSError, s.recv, 3).errno, errno.EAGAIN)
    eq(s.write(b"abc"), 3)
    await s.wait_readable()
    eq(s.recv(3), b"abc")
    s.close()


async def test_a_refused_connection_is_reported_after_the_wait():
    s = socket.socket()
    s.setblocking(False)
    raises(OSError, s.connect, ("127.0.0.1", peer["closed"]))
    await s.wait_writable()
    eq(raises(OSError, s.send, b"x").errno, errno.ECONNREFUSED)


async def test_tls_with_await_against_openssl():
    s = await connected("www")
    ss = ssl.wrap_socket(s, server_hostname="localhost", cadata=cert("ca.der"),
                         cert_reqs=ssl.CERT_REQUIRED, do_handshake=False)
    request = b"GET / HTTP/1.0\r\n\r\n"
    while (n := ss.write(request)) is None:
        await ss.wait()
    eq(n, len(request))
    response = b""
    while True:
        data = ss.read(512)
        if data is None:
            await ss.wait()
        elif not data:
            break
        else:
            response += data
    assert response.startswith(b"HTTP/1.0 200 ok\r\n"), response[:40]
    assert response.endswith(b"</HTML>\r\n\r\n"), response[-40:]
    ss.close()


async def test_a_blocking_tls_handshake_cannot_wait_here_either():
    s = await connected("www")
    e = raises(OSError, ssl.wrap_socket, s, server_hostname="localhost")
    eq(e.errno, errno.EAGAIN)
    s.close()


async def test_a_server_socket_accepts_after_await():
    server = socket.socket()
    server.setblocking(False)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    while server.getsockname()[1] == 0:  # bound once the event loop had a turn
        await asyncio.sleep_ms(1)
    eq(raises(OSError, server.accept).errno, errno.EAGAIN)
    client = await connected_to(server.getsockname()[1])
    await server.wait_readable()
    conn, addr = server.accept()
    eq(addr[0], "127.0.0.1")
    eq(client.write(b"hi"), 2)
    await conn.wait_readable()
    eq(conn.recv(2), b"hi")
    for s in (client, conn, server):
        s.close()


async def test_a_port_in_use_is_reported_by_accept():
    server = socket.socket()
    server.bind(("127.0.0.1", peer["echo"]))
    server.setblocking(False)
    server.listen(1)  # the outcome arrives with the event loop
    await server.wait_readable()
    eq(raises(OSError, server.accept).errno, errno.EADDRINUSE)


def test_the_older_names_usocket_and_ussl_import():
    import usocket
    import ussl

    assert usocket.socket is socket.socket and usocket.SOL_SOCKET == socket.SOL_SOCKET
    assert ussl.wrap_socket is ssl.wrap_socket and ussl.CERT_REQUIRED == ssl.CERT_REQUIRED


class _CountingSocket(socket.socket):
    # Records every call through Python's stream methods.
    def __init__(self):
        super().__init__()
        self.calls = 0

    def readinto(self, buf, nbytes=-1):
        self.calls += 1
        return super().readinto(buf, nbytes)

    def _raw_readinto(self, buf):
        self.calls += 1
        return super()._raw_readinto(buf)

    def write(self, buf):
        self.calls += 1
        return super().write(buf)


async def test_tls_over_a_package_socket_moves_its_bytes_through_the_engine_imports():
    # The engine pulls and pushes the socket's encrypted bytes itself, as for the JS API's
    # transports: Python's stream methods of the socket carry none of them.
    s = _CountingSocket()
    s.setblocking(False)
    raises(OSError, s.connect, ("127.0.0.1", peer["www"]))
    await s.wait_writable()
    ss = ssl.wrap_socket(s, server_hostname="localhost", cadata=cert("ca.der"),
                         cert_reqs=ssl.CERT_REQUIRED, do_handshake=False)
    while ss.write(b"GET / HTTP/1.0\r\n\r\n") is None:
        await ss.wait()
    while (data := ss.read(16)) is None:
        await ss.wait()
    eq(data, b"HTTP/1.0 200 ok\r")
    eq(s.calls, 0)
    ss.close()


def test_a_socket_failure_is_classified_as_the_engine_classifies_it():
    # One error policy with tls: an errno is OSError(errno), the engine's out-of-memory
    # (MBEDTLS_ERR_SSL_ALLOC_FAILED) OSError(ENOMEM).
    s = socket.socket()
    eq(raises(OSError, s._check, -errno.ECONNRESET, False).errno, errno.ECONNRESET)
    eq(raises(OSError, s._check, -0x7F00, False).errno, errno.ENOMEM)
