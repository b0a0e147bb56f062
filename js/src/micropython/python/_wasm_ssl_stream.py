# What tls and socket share: access to this interpreter's memory for JavaScript, and
# MicroPython's stream methods (py/stream.c) over one primitive each way (tls.SSLSocket and
# socket.socket): read(n) and readinto() fill the request unless the stream
# ends or would block, write() sends everything unless it would block, and a would-block
# with nothing done is None.
#
# A subclass defines _read_some(addr, n) and _write_some(addr, n): bytes moved (> 0), 0 at end
# of stream (reading), None when the stream would block; failures raise. `addr` is the
# uctypes.addressof() of the caller's buffer plus an offset. And _poll(flags): which of the
# MP_STREAM_POLL_* flags asked for are ready now.
#
# Streams are io.IOBase objects whose ioctl() answers MP_STREAM_POLL and MP_STREAM_CLOSE, as
# C streams do: so select.poll() (and asyncio, which waits with it) takes them.
from micropython import const
from uctypes import addressof
import io
import _wasm_ssl_tls

_CHUNK = const(4096)
_STREAM_POLL = const(3)
_STREAM_CLOSE = const(4)
_EINVAL = const(22)


def _touch_heap():
    # Shows JavaScript where this interpreter's memory is (js/src/micropython/python-heap.js).
    with open(_wasm_ssl_tls.HEAP_DEVICE, "wb") as f:
        f.write(b"\0")


_wasm_ssl_tls.attach_heap(_touch_heap)


class Stream(io.IOBase):
    def ioctl(self, request, arg):
        if request == _STREAM_POLL:
            return self._poll(arg)
        if request == _STREAM_CLOSE:
            self.close()
            return 0
        raise OSError(_EINVAL)

    def _raw_readinto(self, buf):
        # One read, as the C stream protocol does it: what is there now (tls reads this way).
        return self._read_some(addressof(buf), len(buf))

    def readinto(self, buf, nbytes=-1):
        n = len(buf) if nbytes < 0 else min(nbytes, len(buf))
        addr = addressof(buf)
        done = 0
        while done < n:
            r = self._read_some(addr + done, n - done)
            if r is None:
                return done if done else None
            if r == 0:
                break
            done += r
        return done

    def read(self, n=-1):
        if n is None or n < 0:
            return self._read_all()
        buf = bytearray(n)
        got = self.readinto(buf)
        if got is None:
            return None
        return bytes(buf) if got == n else bytes(buf[:got])

    def _read_all(self):
        chunks = []
        buf = bytearray(_CHUNK)
        addr = addressof(buf)
        while True:
            r = self._read_some(addr, _CHUNK)
            if r is None:
                if not chunks:
                    return None
                break
            if r == 0:
                break
            chunks.append(bytes(buf[:r]))
        return b"".join(chunks)

    def readline(self, limit=-1):
        # Byte by byte, as MicroPython's unbuffered readline: nothing past the newline is consumed.
        line = bytearray()
        one = bytearray(1)
        addr = addressof(one)
        while limit < 0 or len(line) < limit:
            r = self._read_some(addr, 1)
            if r is None:
                if not line:
                    return None
                break
            if r == 0:
                break
            line.append(one[0])
            if one[0] == 10:
                break
        return bytes(line)

    def write(self, buf):
        if isinstance(buf, str):
            buf = buf.encode()
        n = len(buf)
        addr = addressof(buf)
        done = 0
        while done < n:
            r = self._write_some(addr + done, n - done)
            if r is None:
                return done if done else None
            done += r
        return done
