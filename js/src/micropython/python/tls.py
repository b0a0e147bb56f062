# tls: MicroPython's `tls` module (extmod/modtls_mbedtls.c) over the wasm-ssl engine.
#
# The engine (module _wasm_ssl_tls, js/src/micropython/tls-binding.js) answers with plain
# numbers; _raise() below is the one place where they become MicroPython's exceptions, as
# mbedtls_raise_error() and ssl_check_async_handshake_failure() make them on a board.
#
# An SSLSocket moves the encrypted bytes itself: it reads from its socket what the engine
# asks for and writes out what the engine produced, through the socket's own readinto() and
# write(). So the socket may be any MicroPython stream: a socket, io.BytesIO, a user class.
from micropython import const
from uctypes import addressof
import _wasm_ssl_tls as _engine
from _wasm_ssl_stream import Stream
from _wasm_ssl_abi import CLIENT as PROTOCOL_TLS_CLIENT, SERVER as PROTOCOL_TLS_SERVER
from _wasm_ssl_abi import CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED
from _wasm_ssl_abi import WANT_READ as _WANT_READ, WANT_WRITE as _WANT_WRITE
from _wasm_ssl_abi import WANT_VERIFY as _WANT_VERIFY, ERR_HOSTNAME_REQUIRED as _ERR_HOSTNAME_REQUIRED
from _wasm_ssl_abi import ERR_BAD_CONFIG as _ERR_SSL_BAD_CONFIG, ERR_INVALID_KEY as _ERR_PK_BAD_INPUT_DATA
from _wasm_ssl_abi import ERR_INVALID_CERT as _ERR_X509_BAD_INPUT_DATA
from _wasm_ssl_abi import ERR_CERT_VERIFY_FAILED as _ERR_X509_CERT_VERIFY_FAILED

# CPython's flag for SSLContext.verify_flags: the engine's strict profile (wasm_ssl.h). Without
# it certificates are judged as MicroPython's mbedtls port judges them.
VERIFY_X509_STRICT = const(0x20)
MBEDTLS_VERSION = _engine.mbedtls_version()

# mbedtls' own codes that are not part of the engine's ABI.
_ERR_SSL_ALLOC_FAILED = const(-0x7F00)
_ERR_SSL_BAD_INPUT_DATA = const(-0x7100)
_ERR_X509_FATAL_ERROR = const(-0x3000)
_ENOMEM = const(12)
_EINVAL = const(22)
_STREAM_CLOSE = const(4)  # MP_STREAM_CLOSE, for stream classes that only have ioctl()
_CHUNK = const(4096)


def _raise(code, conn=None):
    if code == _ERR_X509_CERT_VERIFY_FAILED and conn is not None:
        info = conn.verify_info("\n")
        if info:
            raise ValueError(info)
    if code == _ERR_SSL_ALLOC_FAILED:
        raise OSError(_ENOMEM)
    if code == _ERR_PK_BAD_INPUT_DATA:
        raise ValueError("invalid key")
    if code == _ERR_X509_BAD_INPUT_DATA:
        raise ValueError("invalid cert")
    if code == _ERR_HOSTNAME_REQUIRED:
        raise ValueError("CERT_REQUIRED requires server_hostname")
    if -256 < code < 0:
        raise OSError(-code)  # a transport errno, passed through
    raise OSError(code, _engine.error_name(code))


def _check(code):
    if code < 0:
        _raise(code)
    return code


# Argument conversions with MicroPython's own TypeError texts.
def _int(value):
    if not isinstance(value, int):
        raise TypeError("can't convert %s to int" % type(value).__name__)
    return value


def _data(value):
    # Certificates, keys and names: str or bytes, as mp_obj_str_get_data() accepts.
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    raise TypeError("can't convert '%s' object to str implicitly" % type(value).__name__)


def _close_stream(stream):
    close = getattr(stream, "close", None)
    if close is not None:
        close()
    elif hasattr(stream, "ioctl"):
        stream.ioctl(_STREAM_CLOSE, 0)


class SSLContext:
    def __init__(self, protocol):
        config = _engine.config_new(1 if _int(protocol) & PROTOCOL_TLS_SERVER else 0)
        if isinstance(config, int):
            _raise(config)
        object.__setattr__(self, "_config", config)
        object.__setattr__(self, "_callback", None)
        object.__setattr__(self, "_verify_flags", 0)

    def __repr__(self):
        return "<SSLContext>"

    # Like the C type: verify_mode and verify_callback are the only attributes to set (and
    # CPython's verify_flags, for VERIFY_X509_STRICT).
    def __setattr__(self, name, value):
        if name not in ("verify_mode", "verify_callback", "verify_flags"):
            raise AttributeError(name)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        raise AttributeError(name)

    @property
    def verify_mode(self):
        return self._config.verify_mode()

    @verify_mode.setter
    def verify_mode(self, mode):
        _check(self._config.set_verify_mode(_int(mode)))

    @property
    def verify_flags(self):
        return self._verify_flags

    @verify_flags.setter
    def verify_flags(self, flags):
        _check(self._config.set_verify_profile(1 if _int(flags) & VERIFY_X509_STRICT else 0))
        object.__setattr__(self, "_verify_flags", flags)

    @property
    def verify_callback(self):
        return self._callback

    @verify_callback.setter
    def verify_callback(self, callback):
        object.__setattr__(self, "_callback", callback)
        self._config.set_verify_callback(callback is not None)

    def get_ciphers(self):
        return _engine.ciphers().split(",")

    def set_ciphers(self, ciphersuite):
        if not isinstance(ciphersuite, (list, tuple)):
            raise TypeError("object '%s' isn't a tuple or list" % type(ciphersuite).__name__)
        names = [_data(name).decode() for name in ciphersuite]
        if not names or any("," in name for name in names):
            _raise(_ERR_SSL_BAD_CONFIG)
        _check(self._config.set_ciphers(",".join(names)))

    def load_cert_chain(self, certfile, keyfile):
        key = _data(keyfile)
        try:
            cert = _data(certfile)
        except TypeError:
            # MicroPython parses the key before it looks at the certificate.
            if self._config.set_own_cert(addressof(key), 0, addressof(key), len(key)) == _ERR_PK_BAD_INPUT_DATA:
                _raise(_ERR_PK_BAD_INPUT_DATA)
            raise
        _check(self._config.set_own_cert(addressof(cert), len(cert), addressof(key), len(key)))

    def load_verify_locations(self, cadata):
        cadata = _data(cadata)
        _check(self._config.add_ca(addressof(cadata), len(cadata)))

    def wrap_socket(self, sock, *, server_side=False, do_handshake_on_connect=True, server_hostname=None):
        if not (hasattr(sock, "readinto") and hasattr(sock, "write")):
            raise OSError("stream operation not supported")
        if server_hostname is not None:
            server_hostname = _data(server_hostname).decode()
            # The name reaches the engine as a C string, which a NUL would cut short
            # ("localhost\x00.evil" checked as "localhost"); the engine refuses other bad names.
            if "\x00" in server_hostname:
                _raise(-_EINVAL)
        conn = self._config.new_connection(server_hostname)
        if isinstance(conn, int):
            _raise(conn)
        ssock = SSLSocket(self, sock, conn)
        if do_handshake_on_connect:
            try:
                ssock._handshake()
            except:
                ssock._release()
                raise
        return ssock


class SSLSocket(Stream):
    def __init__(self, context, sock, conn):
        self._context = context
        self._sock = sock
        self._conn = conn
        self._error = 0  # the first failure, raised again by every later call
        self._want_read = True  # the direction the last would-block waited for
        self._inbuf = bytearray(_CHUNK)
        self._outbuf = bytearray(_CHUNK)
        self._unsent = None  # output taken from the engine that the socket has not accepted yet
        # The socket's read-what-is-there: a Python stream class's readinto() is that already;
        # socket.socket's readinto() waits for a full buffer, as on a board.
        self._sock_read = getattr(sock, "_raw_readinto", None) or sock.readinto

    def __repr__(self):
        return "<SSLSocket>"

    # ---- moving the encrypted bytes ----------------------------------------------------------

    def _flush(self):
        # Hands the engine's output to the socket; False when the socket would block.
        conn = self._conn
        while True:
            if self._unsent is None:
                n = conn.take_output(addressof(self._outbuf), _CHUNK)
                if n == 0:
                    return True
                self._unsent = memoryview(self._outbuf)[:n]
            try:
                n = self._sock.write(self._unsent)
            except OSError as e:
                conn.feed_error(e.errno)  # the engine fails with it from now on
                self._unsent = None
                raise
            if not n:
                self._want_read = False
                return False
            self._unsent = self._unsent[n:] if n < len(self._unsent) else None

    def _fill(self):
        # Gives the engine what the socket has; False when the socket would block.
        conn = self._conn
        try:
            n = self._sock_read(self._inbuf)
        except OSError as e:
            conn.feed_error(e.errno)
            return True
        if n is None:
            self._want_read = True
            return False
        if n == 0:
            conn.feed_eof()
        else:
            conn.feed(addressof(self._inbuf), n)
        return True

    def _run(self, op, *args):
        # One engine operation to its result, moving bytes as it asks; None when it would block.
        if self._error:
            _raise(self._error, self._conn)
        while True:
            if not self._flush():
                return None
            r = op(*args)
            if r == _WANT_VERIFY:
                self._verify()
            elif r == _WANT_READ:
                if not (self._flush() and self._fill()):
                    return None
            elif r != _WANT_WRITE:
                self._flush()
                if r < 0:
                    self._fail(r)
                return r

    def _fail(self, code):
        self._error = code
        _raise(code, self._conn)

    def _verify(self):
        # The engine paused after checking the peer's chain: the context's verify_callback
        # sees each certificate, root-most first, and a non-zero answer ends the handshake.
        conn = self._conn
        callback = self._context._callback
        result = 0
        try:
            for i in range(conn.chain_length() if callback is not None else 0):
                der = bytearray(conn.chain_der_len(i))
                conn.chain_der_into(i, addressof(der))
                result = _int(callback(memoryview(der), conn.chain_depth(i)))
                if result:
                    break
        except:
            conn.verify_complete(_ERR_X509_FATAL_ERROR)
            self._error = _ERR_X509_FATAL_ERROR
            raise
        conn.verify_complete(result)
        if result:
            self._fail(result)

    def _live(self):
        if self._conn is None:
            _raise(_ERR_SSL_BAD_INPUT_DATA)  # what MicroPython's freed context answers
        return self._conn

    def _wait_for_transport(self):
        # A blocking handshake over a non-blocking socket, as wrap_socket() does on a board.
        wait = getattr(self._sock, "_wait", None)
        if wait is not None:
            wait(self._want_read)
        else:
            import time

            time.sleep_ms(1)

    def _handshake(self):
        while self._run(self._live().handshake) is None:
            self._wait_for_transport()

    def _release(self):
        # After a failed wrap_socket(): the engine's half goes, the caller keeps the socket.
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    # ---- the stream interface (_wasm_ssl_stream.Stream) -------------------------------------

    def _read_some(self, addr, n):
        return self._run(self._live().read, addr, n)

    def _write_some(self, addr, n):
        return self._run(self._live().write, addr, n)

    def setblocking(self, flag):
        self._live()
        return self._sock.setblocking(flag)

    def close(self):
        conn = self._conn
        if conn is None:
            return  # closed already
        try:
            conn.close()  # the engine sends close_notify if the session is sound
            if not self._error:
                self._flush()  # as far as the socket takes it now
        except OSError:
            pass
        finally:
            self._conn = None
            _close_stream(self._sock)

    # ---- connection facts ------------------------------------------------------------------

    def cipher(self):
        conn = self._live()
        return (conn.cipher(), conn.version())

    def getpeercert(self, binary_form):
        conn = self._live()
        if not binary_form:
            raise NotImplementedError
        n = conn.peer_cert_len()
        if n <= 0:
            return None
        der = bytearray(n)
        conn.peer_cert_into(addressof(der))
        return bytes(der)

    # ---- waiting without blocking (MicroPython's main thread in a browser or Node) ----------

    async def wait(self):
        # Until the socket can move bytes in the direction the last None waited for.
        if self._want_read:
            await self._sock.wait_readable()
        else:
            await self._sock.wait_writable()
