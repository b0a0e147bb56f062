# select.poll() and ioctl(MP_STREAM_POLL) over socket.socket and SSLSocket, as MicroPython's
# C streams answer them (upstream asyncio waits with select.poll). SSLSocket rules: decrypted
# bytes are readable without asking the socket; a read that waits to write (or the reverse)
# asks the socket about that direction; closed or failed is POLLNVAL. On the main thread:
# poll(0) and await between polls.
import io
import select
import socket
import ssl
from harness import cert, peer, raises, eq

POLL = 3
CLOSE = 4
RD = select.POLLIN
WR = select.POLLOUT
NVAL = 0x20


class PollPipe(io.IOBase):
    """One end of an in-memory pipe that records what it was polled for."""

    def __init__(self):
        self.other = None
        self.inbox = []
        self.block_reads = False
        self.block_writes = False
        self.asked = None

    def readinto(self, buf):
        if self.block_reads or not self.inbox:
            return None
        data = self.inbox[0]
        n = min(len(buf), len(data))
        buf[:n] = data[:n]
        if n == len(data):
            self.inbox.pop(0)
        else:
            self.inbox[0] = data[n:]
        return n

    def write(self, buf):
        if self.block_writes:
            return None
        self.other.inbox.append(bytes(buf))
        return len(buf)

    def ioctl(self, request, arg):
        if request == POLL:
            self.asked = arg
            ready = RD if arg & RD and not self.block_reads and self.inbox else 0
            return ready | (WR if arg & WR and not self.block_writes else 0)
        return 0


def pipes():
    a, b = PollPipe(), PollPipe()
    a.other, b.other = b, a
    return a, b


def polled(s, pipe, flags):
    """(what s answers, what it asked its socket for) for an ioctl poll of `flags`."""
    pipe.asked = None
    return s.ioctl(POLL, flags), pipe.asked


def tls_pair():
    client_io, server_io = pipes()
    client = ssl.wrap_socket(client_io, do_handshake=False)
    server = ssl.wrap_socket(server_io, server_side=True, key=cert("server.key.der"),
                             cert=cert("server.der"), do_handshake=False)
    return client, client_io, server, server_io


def handshake(client, client_io, server, server_io):
    eq(client.read(1), None)  # sends the client's hello
    for _ in range(20):
        if not (client_io.inbox or server_io.inbox):
            return
        eq(server.read(1), None)
        eq(client.read(1), None)
    raise AssertionError("the handshake did not finish")


def test_a_read_that_waits_to_write_polls_the_socket_for_writing():
    client, client_io, _, _ = tls_pair()
    client_io.block_writes = True
    eq(client.read(16), None)  # the handshake wants to send its hello
    eq(polled(client, client_io, RD), (0, WR))
    eq(polled(client, client_io, WR), (0, WR))
    client_io.block_writes = False
    eq(polled(client, client_io, RD), (RD, WR))  # ready to try the read again


def test_a_write_that_waits_to_read_polls_the_socket_for_reading():
    client, client_io, _, _ = tls_pair()
    eq(client.write(b"x"), None)  # the hello went out; the handshake waits for the answer
    eq(polled(client, client_io, WR), (0, RD))
    eq(polled(client, client_io, RD), (0, RD))


def test_decrypted_bytes_are_readable_without_the_socket():
    client, client_io, server, server_io = tls_pair()
    handshake(client, client_io, server, server_io)
    eq(client.write(b"foobar"), 6)
    eq(server.read(3), b"foo")
    server_io.block_reads = True
    eq(polled(server, server_io, RD), (RD, None))
    eq(server.read(3), b"bar")
    eq(polled(server, server_io, RD), (0, RD))


def test_closed_or_failed_is_pollnval_and_the_socket_is_not_asked():
    client, client_io, _, _ = tls_pair()
    client.close()
    eq(polled(client, client_io, RD), (NVAL, None))
    client, client_io, _, server_io = tls_pair()
    server_io.write(b"fooba")  # not a TLS record
    eq(polled(client, client_io, RD), (RD, RD))
    raises(OSError, client.read, 16)
    eq(polled(client, client_io, RD), (NVAL, None))


def test_ioctl_answers_poll_and_close_only_and_pollnval_once_closed():
    s = ssl.wrap_socket(io.BytesIO(), server_side=True, do_handshake=False)
    for request in (-1, 0, 10):
        raises(OSError, s.ioctl, request, 0)
    eq(s.ioctl(CLOSE, 0), 0)
    eq(s.ioctl(POLL, RD), NVAL)
    eq(s.ioctl(CLOSE, 0), NVAL)
    eq(s.ioctl(10, 0), NVAL)


def test_select_poll_takes_sockets_and_tls_sockets():
    client, client_io, server, server_io = tls_pair()
    handshake(client, client_io, server, server_io)
    p = select.poll()
    p.register(server, RD)
    eq(p.poll(0), [])
    client.write(b"hi")
    eq(p.poll(0), [(server, RD)])
    s = socket.socket()
    p.register(s, RD | WR)  # registering a socket.socket raised before
    p.unregister(s)


async def test_poll_on_a_real_socket_and_a_listener():
    import asyncio

    server = socket.socket()
    server.setblocking(False)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    while server.getsockname()[1] == 0:
        await asyncio.sleep_ms(1)
    p = select.poll()
    p.register(server, RD)
    eq(p.poll(0), [])
    client = socket.socket()
    client.setblocking(False)
    raises(OSError, client.connect, ("127.0.0.1", server.getsockname()[1]))
    await server.wait_readable()
    eq(p.poll(0), [(server, RD)])
    conn, _ = server.accept()
    await client.wait_writable()
    p.register(client, RD | WR)
    eq(p.poll(0), [(client, WR)])
    conn.write(b"x")
    await client.wait_readable()
    eq(sorted(e for _, e in p.poll(0)), [RD | WR])
    for s in (client, conn, server):
        s.close()
    eq(client.ioctl(POLL, RD), NVAL)
