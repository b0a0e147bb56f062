# socket: the part of MicroPython's socket module that a TLS client needs (socket(),
# getaddrinfo(), connect(), send/recv, read/readinto/readline/write, setblocking/settimeout,
# close), over connections that JavaScript makes (_wasm_ssl_socket): TCP from Node, or a
# WebSocket through wasm-ssl's bridge in a browser.
#
# In a Worker a blocking socket blocks, as on a board. On the JavaScript main thread nothing
# can block: use setblocking(False) and `await s.wait_readable()` / `await s.wait_writable()`
# (or `await ssl_socket.wait()`) between calls that return None.
from micropython import const
from uctypes import addressof
import _wasm_ssl_socket as _transport
from _wasm_ssl_stream import Stream
from _wasm_ssl_abi import IO_WOULD_BLOCK as _WOULD_BLOCK

AF_INET = const(2)
AF_INET6 = const(10)
SOCK_STREAM = const(1)
IPPROTO_TCP = const(6)

_EAGAIN = const(11)
_EBADF = const(9)
_ENOTCONN = const(107)
_EISCONN = const(106)
_EINPROGRESS = const(115)
_EOPNOTSUPP = const(95)


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    # Names are resolved where the connection is made (Node, or the bridge): the address is
    # the name itself.
    if not isinstance(host, str):
        raise TypeError("can't convert %s to str" % host.__class__.__name__)
    if not isinstance(port, int):
        raise TypeError("can't convert %s to int" % port.__class__.__name__)
    family = AF_INET6 if ":" in host else AF_INET
    return [(family, SOCK_STREAM, IPPROTO_TCP, "", (host, port))]


class socket(Stream):
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=0):
        if type != SOCK_STREAM:
            raise OSError(_EOPNOTSUPP)
        self._t = None
        self._closed = False
        self._timeout = -1  # milliseconds; -1 blocks, 0 never waits

    def __repr__(self):
        return "<socket>"

    # The one place results become exceptions: -errno, or a would-block where the call was to
    # wait (only sockets that cannot wait, on the main thread, answer that).
    def _check(self, r, wait):
        if r >= 0:
            return r
        if r != _WOULD_BLOCK:
            raise OSError(-r)
        if wait:
            raise OSError(
                _EAGAIN,
                "this socket cannot block: its connection lives on this JavaScript thread (the main thread); use setblocking(False) and await, or run MicroPython in a Worker with workerSockets()",
            )
        return None

    def _live(self):
        if self._closed:
            raise OSError(_EBADF)
        if self._t is None:
            raise OSError(_ENOTCONN)
        return self._t

    def connect(self, address):
        if self._closed:
            raise OSError(_EBADF)
        if self._t is not None:
            raise OSError(_EISCONN)
        host, port = address
        if not isinstance(host, str) or not isinstance(port, int):
            raise TypeError("address must be (str, int)")
        t = _transport.open(host, port)
        if isinstance(t, int):
            raise OSError(-t)
        self._t = t
        if self._check(t.connected(self._timeout), self._timeout != 0) is None:
            raise OSError(_EINPROGRESS)

    def setblocking(self, flag):
        self._timeout = -1 if flag else 0

    def settimeout(self, value):
        self._timeout = -1 if value is None else int(value * 1000)

    def _read_some(self, addr, n):
        return self._check(self._live().recv_into(addr, n, self._timeout), self._timeout != 0)

    def _write_some(self, addr, n):
        return self._check(self._live().send(addr, n, self._timeout), self._timeout != 0)

    def recv(self, n):
        buf = bytearray(n)
        got = self._read_some(addressof(buf), n) if n else 0
        if got is None:
            raise OSError(_EAGAIN)
        return bytes(buf) if got == n else bytes(buf[:got])

    def send(self, buf):
        if isinstance(buf, str):
            buf = buf.encode()
        sent = self._write_some(addressof(buf), len(buf)) if len(buf) else 0
        if sent is None:
            raise OSError(_EAGAIN)
        return sent

    def sendall(self, buf):
        if self.write(buf) != len(buf):
            raise OSError(_EAGAIN)

    def makefile(self, mode="rb", buffering=0):
        return self

    def close(self):
        if self._t is not None:
            self._t.close()
            self._t = None
        self._closed = True

    # Used by tls while it completes a handshake over a non-blocking socket.
    def _wait(self, readable):
        self._check(self._live().wait(readable, -1), True)

    async def wait_readable(self):
        await self._live().wait_readable()

    async def wait_writable(self):
        await self._live().wait_writable()
