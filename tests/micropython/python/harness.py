# What the Python suites share: running one test by name, checking exceptions by type and
# arguments, reading the test certificates, an in-memory stream pair that never blocks, and
# for the two-instance files (multi/) a listening socket and the test CA's contexts.
CERTS = "/certs/"
peer = {}  # ports and the like, filled in by the JS side of a suite


def cert(name):
    with open(CERTS + name, "rb") as f:
        return f.read()


async def run(module_name, test_name):
    module = __import__(module_name)
    result = getattr(module, test_name)()
    if hasattr(result, "send"):  # an async test: a coroutine
        await result


def raises(exc_type, fn, *args, **kwargs):
    """Calls fn and returns the exception it raised, which must be exactly an exc_type."""
    try:
        fn(*args, **kwargs)
    except Exception as e:
        if type(e) is not exc_type:
            raise AssertionError("expected %s, got %r" % (exc_type.__name__, e))
        return e
    raise AssertionError("expected %s, nothing was raised" % exc_type.__name__)


def eq(actual, expected):
    if actual != expected:
        raise AssertionError("%r != %r" % (actual, expected))


class _Queue:
    def __init__(self):
        self.data = bytearray()
        self.ended = False  # the writer closed: the reader sees end of stream after the data
        self.abandoned = False  # the reader closed: the writer gets EPIPE


class PipeEnd:
    """One end of an in-memory pipe: a MicroPython stream whose readinto() returns None
    when empty, as a non-blocking socket does. It records how it was used."""

    def __init__(self, inbox, outbox):
        self._in = inbox
        self._out = outbox
        self.closed = False
        self.written = 0
        self.blocking = []

    def readinto(self, buf):
        if not self._in.data:
            return 0 if self._in.ended else None
        n = min(len(buf), len(self._in.data))
        buf[:n] = self._in.data[:n]
        self._in.data = self._in.data[n:]
        return n

    def write(self, buf):
        if self._out.abandoned:
            raise OSError(32)  # EPIPE
        self._out.data.extend(buf)
        self.written += len(buf)
        return len(buf)

    def setblocking(self, flag):
        self.blocking.append(flag)

    def shutdown(self):
        """Ends this end's writing only (the peer reads end of stream)."""
        self._out.ended = True

    def close(self):
        self.closed = True
        self._out.ended = True
        self._in.abandoned = True


def pipe():
    a, b = _Queue(), _Queue()
    return PipeEnd(a, b), PipeEnd(b, a)


def pump(*steps, rounds=50):
    """Calls each step in turn until all have returned something other than None."""
    results = [None] * len(steps)
    for _ in range(rounds):
        for i, step in enumerate(steps):
            if results[i] is None:
                results[i] = step()
        if all(r is not None for r in results):
            return results
    raise AssertionError("no progress after %d rounds: %r" % (rounds, results))


class Counting:
    """A stream around a socket, counting the bytes that cross it both ways."""

    def __init__(self, sock):
        self.sock = sock
        self.count = 0

    def readinto(self, buf):
        n = self.sock.readinto(buf)
        self.count += n or 0
        return n

    def write(self, buf):
        n = self.sock.write(buf)
        self.count += n or 0
        return n

    def close(self):
        self.sock.close()


def listen(multitest):
    """A server instance's listening socket on a free port, published to the others as PORT."""
    import socket

    s = socket.socket()
    s.bind((multitest.BIND_ADDR, 0))
    s.listen(1)
    multitest.globals(PORT=s.getsockname()[1])
    return s


def server_context(name="server"):
    """An ssl server context with the test certificate `name` (server: the CA's localhost)."""
    import ssl

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert(name + ".der"), cert(name + ".key.der"))
    return ctx


def verifying_client_context():
    """An ssl client context that trusts the test CA and requires the peer's certificate
    (ssl's contexts start at CERT_NONE)."""
    import ssl

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(cadata=cert("ca.der"))
    return ctx
