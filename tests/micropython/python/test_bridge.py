# socket through the WebSocket→TCP bridge, as in a browser: TLS to openssl s_server
# (peer["www"]), a target the bridge may not reach, and one that refuses the connection.
import errno
import socket
import ssl
from harness import cert, peer, raises, eq


async def connected(port):
    s = socket.socket()
    s.setblocking(False)
    raises(OSError, s.connect, ("127.0.0.1", port))
    await s.wait_writable()
    return s


async def test_tls_through_the_bridge():
    ss = ssl.wrap_socket(await connected(peer["www"]), server_hostname="localhost", cadata=cert("ca.der"),
                         cert_reqs=ssl.CERT_REQUIRED, do_handshake=False)
    while ss.write(b"GET / HTTP/1.0\r\n\r\n") is None:
        await ss.wait()
    while (line := ss.readline()) is None:
        await ss.wait()
    eq(line, b"HTTP/1.0 200 ok\r\n")
    eq(ss.getpeercert(True), cert("server.der"))
    ss.close()


async def test_a_target_outside_the_allow_list_is_eacces():
    s = await connected(peer["not-allowed"])
    await s.wait_readable()
    eq(raises(OSError, s.recv, 1).errno, errno.EACCES)


async def test_a_refused_target_is_econnrefused():
    s = await connected(peer["closed"])
    await s.wait_readable()
    eq(raises(OSError, s.recv, 1).errno, errno.ECONNREFUSED)
