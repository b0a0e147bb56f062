# Sockets from a provider without a listener, as in a browser (no node:net): a server socket
# is a clear OSError, and client sockets still work.
import errno
import socket
from harness import raises, eq


def test_listen_says_server_sockets_need_node():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    e = raises(OSError, s.listen, 1)
    eq(e.errno, errno.EOPNOTSUPP)
    assert "browser cannot listen" in e.args[1], e.args
    s.close()
