# asyncio.run(), open_connection(), start_server() and their streams, added to the asyncio of
# MicroPython's WebAssembly port (which has neither: its tasks run on the JavaScript event
# loop). installMicroPython() points asyncio's module __getattr__ here, so `asyncio.run` etc.
# load this module the first time they are used.
#
# A task waits for a stream (socket.socket, ssl.SSLSocket, a listening socket) in one of two
# ways:
# - inside asyncio.run(), which blocks this thread (a Worker, where sockets block): the loop
#   below runs the port's tasks itself and select.poll()s the streams they wait for;
# - otherwise (the main thread, with top-level await): the JavaScript event loop runs the
#   tasks, and a task awaits its transport's readiness promise, then polls again.
from micropython import const
from time import ticks_ms, ticks_diff
import select
import sys
import js
import asyncio
from asyncio import core
import _wasm_ssl_socket as _transport

_RD = const(1)  # select.POLLIN
_WR = const(4)  # select.POLLOUT
_DONE = const(0x38)  # POLLERR | POLLHUP | POLLNVAL: a stream that will not wait any more
_STREAM_POLL = const(3)
_EINPROGRESS = const(115)
_NAP_MS = const(2)  # how long the loop sleeps between polls while every task waits

_io = None  # the streams' waiting tasks while asyncio.run() blocks


class _IOQueue:
    def __init__(self):
        self._poller = select.poll()
        self._waiting = {}  # id(stream): [stream, reading task, writing task]

    def queue(self, stream, flag):
        entry = self._waiting.get(id(stream))
        if entry is None:
            entry = self._waiting[id(stream)] = [stream, None, None]
        entry[1 if flag == _RD else 2] = core.cur_task
        self._poller.register(stream, (_RD if entry[1] else 0) | (_WR if entry[2] else 0))
        core.cur_task.data = self  # Task.cancel() calls remove()

    def remove(self, task):
        for entry in list(self._waiting.values()):
            if entry[1] is task:
                entry[1] = None
            if entry[2] is task:
                entry[2] = None
            self._update(entry)

    def _update(self, entry):
        if entry[1] or entry[2]:
            self._poller.modify(entry[0], (_RD if entry[1] else 0) | (_WR if entry[2] else 0))
        else:
            self._poller.unregister(entry[0])
            del self._waiting[id(entry[0])]

    def _wake(self):
        # Puts the tasks whose streams are ready back on the run queue; how many there were.
        woken = 0
        for stream, events in self._poller.poll(0):
            entry = self._waiting[id(stream)]
            for i, flag in ((1, _RD), (2, _WR)):
                task = entry[i]
                if task is not None and events & (flag | _DONE):
                    entry[i] = None
                    task.data = None
                    core._task_queue.push(task)
                    woken += 1
            self._update(entry)
        return woken

    def wait(self, timeout_ms):
        # Until a stream is ready (True), or timeout_ms passed (False); -1 waits as long as
        # some task waits for a stream.
        start = ticks_ms()
        while not self._wake():
            left = -1 if timeout_ms < 0 else timeout_ms - ticks_diff(ticks_ms(), start)
            if left == 0 or left < -1 or (left < 0 and not self._waiting):
                return False
            _transport.nap(_NAP_MS if left < 0 else min(left, _NAP_MS))
        return True


def _suspend():
    yield  # the task stays off the run queue until _IOQueue._wake() puts it back


async def _ready(stream, flag):
    # Until reading (or writing) `stream` can make progress, or fail.
    if _io is not None:
        _io.queue(stream, flag)
        await _suspend()
        return
    while not stream.ioctl(_STREAM_POLL, flag) & (flag | _DONE):
        # An SSLSocket waits on its socket, in the direction its engine last waited for.
        raw = getattr(stream, "_sock", stream)
        direction = getattr(stream, "_poll_mask", 0) or flag
        await (raw.wait_readable() if direction & _RD else raw.wait_writable())


def run(main):
    """Runs the coroutine main to its end and returns its result. It blocks this thread, so it
    needs sockets that can block (MicroPython in a Worker); on the main thread, `await main`
    (mp.runPythonAsync) does the same without blocking."""
    global _io
    if not _transport.can_block():
        raise RuntimeError(
            "asyncio.run() blocks, which this thread cannot do: its sockets live on this JavaScript thread (the main thread); use await (runPythonAsync), or run MicroPython in a Worker with workerSockets()"
        )
    if _io is not None:
        raise RuntimeError("asyncio.run() is running already")
    outcome = []

    async def whole():
        try:
            outcome.append((True, await main))
        except BaseException as e:
            outcome.append((False, e))

    _io = _IOQueue()
    try:
        core.create_task(whole())
        while True:
            core._run_iter()
            if outcome:
                break
            head = core._task_queue.peek()
            delay = max(0, ticks_diff(head.ph_key, ticks_ms())) if head else -1
            if not _io.wait(delay) and delay < 0:
                raise RuntimeError("asyncio.run(): every task waits, and nothing can wake one")
    finally:
        _io = None
        if core.asyncio_timer is not None:
            js.clearTimeout(core.asyncio_timer)  # the loop above ran what it was set for
            core.asyncio_timer = None
    ok, value = outcome[0]
    if ok:
        return value
    raise value


class Stream:
    """The reader and the writer of a connection (one object serves as both)."""

    def __init__(self, s, extra={}):
        self.s = s
        self.e = extra
        self.out_buf = b""

    def get_extra_info(self, name):
        return self.e[name]

    def close(self):
        pass

    async def wait_closed(self):
        self.s.close()

    async def _when_readable(self, op, *args):
        # op's first answer other than None (None: it would block), readability awaited before
        # each try.
        while True:
            await _ready(self.s, _RD)
            r = op(*args)
            if r is not None:
                return r

    async def read(self, n=-1):
        # n >= 0: what arrives first (b"" at the end); n < 0: everything until the end.
        if n >= 0:
            return await self._when_readable(self.s.read, n)
        data = b""
        while True:
            more = await self._when_readable(self.s.read, n)
            if not more:
                return data
            data += more

    async def readinto(self, buf):
        return await self._when_readable(self.s.readinto, buf)

    async def readexactly(self, n):
        data = b""
        while n:
            more = await self._when_readable(self.s.read, n)
            if not more:
                raise EOFError
            data += more
            n -= len(more)
        return data

    async def readline(self):
        line = b""
        while True:
            more = await self._when_readable(self.s.readline)
            line += more
            if not more or line[-1] == 10:
                return line

    def write(self, buf):
        # What the stream takes now goes at once; the rest waits for drain().
        if not self.out_buf:
            n = self.s.write(buf)
            if n == len(buf):
                return
            if n:
                buf = buf[n:]
        self.out_buf += buf

    async def drain(self):
        if not self.out_buf:
            await asyncio.sleep_ms(0)  # always yields, so write+drain loops let others run
            return
        view = memoryview(self.out_buf)
        done = 0
        while done < len(view):
            await _ready(self.s, _WR)
            n = self.s.write(view[done:])
            if n:
                done += n
        self.out_buf = b""

    async def awrite(self, buf, off=0, sz=-1):
        if off or sz != -1:
            buf = memoryview(buf)[off : len(buf) if sz == -1 else off + sz]
        self.write(buf)
        await self.drain()

    awritestr = awrite
    aclose = wait_closed


StreamReader = Stream
StreamWriter = Stream


async def open_connection(host, port, ssl=None, server_hostname=None):
    import socket

    family, kind, proto, _, address = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]
    s = socket.socket(family, kind, proto)
    s.setblocking(False)
    try:
        s.connect(address)
    except OSError as e:
        if e.errno != _EINPROGRESS:
            raise
    if ssl:
        if ssl is True:
            import ssl as _ssl

            ssl = _ssl.SSLContext(_ssl.PROTOCOL_TLS_CLIENT)
        s = ssl.wrap_socket(s, server_hostname=server_hostname or host, do_handshake_on_connect=False)
        s.setblocking(False)
    stream = Stream(s)
    await _ready(s, _WR)
    return stream, stream


class Server:
    """What start_server() returns: close() it, or use it in `async with`."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.close()
        await self.wait_closed()

    def close(self):
        self._closing = True
        self.task.cancel()

    async def wait_closed(self):
        await self.task

    async def _serve(self, s, callback, ssl):
        self._closing = False
        try:
            while True:
                await _ready(s, _RD)
                try:
                    conn, peer = s.accept()
                except OSError:
                    continue  # the connection went before it was taken
                if ssl:
                    try:
                        conn = ssl.wrap_socket(conn, server_side=True, do_handshake_on_connect=False)
                    except OSError as e:
                        sys.print_exception(e)
                        conn.close()
                        continue
                conn.setblocking(False)
                stream = Stream(conn, {"peername": peer})
                asyncio.create_task(callback(stream, stream))
        except core.CancelledError:
            s.close()
            if not self._closing:
                raise  # cancelled from outside (its parent task): not a close()


async def start_server(callback, host, port, backlog=5, ssl=None):
    import socket

    info = socket.getaddrinfo(host, port)[0]
    s = socket.socket(info[0])
    s.setblocking(False)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(info[-1])
    s.listen(backlog)
    server = Server()
    server.sockets = [s]  # as CPython's Server has them: getsockname() tells a port 0's port
    server.task = asyncio.create_task(server._serve(s, callback, ssl))
    try:
        await asyncio.sleep_ms(0)  # lets _serve start, so that it sees a cancellation
    except core.CancelledError:
        server.task.cancel()
        raise
    return server


_NAMES = ("run", "open_connection", "start_server", "Stream", "StreamReader", "StreamWriter", "Server")


def attribute(name):
    """asyncio's module __getattr__ (installMicroPython sets it)."""
    if name in _NAMES:
        return globals()[name]
    raise AttributeError(name)
