# tls: MicroPython's `tls` module (extmod/modtls_mbedtls.c) over the wasm-ssl engine.
#
# The engine (module _wasm_ssl_tls, js/src/micropython/tls-binding.js) answers with plain
# numbers; _raise() below is the one place where they become MicroPython's exceptions, as
# mbedtls_raise_error() and ssl_check_async_handshake_failure() make them on a board.
#
# Over a socket of this package (socket.socket) the engine moves the encrypted bytes itself,
# through its imports, as for the JS API's transports: an SSLSocket only waits on the socket
# when the engine would block. Over any other MicroPython stream (io.BytesIO, a user class) the
# SSLSocket pumps them: it reads from the stream what the engine asks for and writes out what
# the engine produced, through the stream's own readinto() and write(). Both are _move().
from micropython import const
from uctypes import addressof
import _wasm_ssl_tls as _engine
from _wasm_ssl_stream import Stream
from _wasm_ssl_abi import CLIENT as PROTOCOL_TLS_CLIENT, SERVER as PROTOCOL_TLS_SERVER
from _wasm_ssl_abi import CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED
from _wasm_ssl_abi import WANT_READ as _WANT_READ, WANT_WRITE as _WANT_WRITE
from _wasm_ssl_abi import WANT_VERIFY as _WANT_VERIFY
from _wasm_ssl_abi import WANT_PSK as _WANT_PSK
from _wasm_ssl_abi import ERR_BAD_CONFIG as _ERR_SSL_BAD_CONFIG, ERR_INVALID_KEY as _ERR_PK_BAD_INPUT_DATA
from _wasm_ssl_abi import CLASS_NO_MEMORY as _CLASS_NO_MEMORY, CLASS_ERRNO as _CLASS_ERRNO
from _wasm_ssl_abi import CLASS_VERIFY_FAILED as _CLASS_VERIFY_FAILED, CLASS_INVALID_KEY as _CLASS_INVALID_KEY
from _wasm_ssl_abi import CLASS_INVALID_CERT as _CLASS_INVALID_CERT, CLASS_HOSTNAME_REQUIRED as _CLASS_HOSTNAME_REQUIRED

# CPython's flag for SSLContext.verify_flags: the engine's strict profile (wasm_ssl.h). Without
# it certificates are judged as MicroPython's mbedtls port judges them.
VERIFY_X509_STRICT = const(0x20)
MBEDTLS_VERSION = _engine.mbedtls_version()

# mbedtls' own codes that are not part of the engine's ABI.
_ERR_SSL_BAD_INPUT_DATA = const(-0x7100)
_ERR_X509_FATAL_ERROR = const(-0x3000)
_EAGAIN = const(11)
_ENOMEM = const(12)
_EINVAL = const(22)
_VALUE_ERRORS = {
    _CLASS_INVALID_KEY: "invalid key",
    _CLASS_INVALID_CERT: "invalid cert",
    _CLASS_HOSTNAME_REQUIRED: "CERT_REQUIRED requires server_hostname",
}
_STREAM_CLOSE = const(4)  # MP_STREAM_CLOSE, for stream classes that only have ioctl()
_STREAM_POLL = const(3)  # MP_STREAM_POLL and its flags
_POLL_RD = const(0x01)
_POLL_WR = const(0x04)
_POLL_NVAL = const(0x20)
_CHUNK = const(4096)
_RECORD = const(16 * 1024 + 64)  # a full TLS record: 16 KiB of data and an AEAD's overhead


def _raise(code, conn=None):
    # The engine classifies (wssl_error_class); this only turns the class into the exception
    # mbedtls_raise_error() and ssl_check_async_handshake_failure() raise on a board.
    kind = _engine.error_class(code)
    if kind == _CLASS_VERIFY_FAILED and conn is not None:
        info = conn.verify_info("\n")
        if info:
            raise ValueError(info)
    if kind in _VALUE_ERRORS:
        raise ValueError(_VALUE_ERRORS[kind])
    if kind == _CLASS_NO_MEMORY:
        raise OSError(_ENOMEM)
    if kind == _CLASS_ERRNO:
        raise OSError(-code)  # a transport errno, passed through
    if code > 0:
        # A verify_callback's veto: mbedtls hands it on as it is, and mbedtls_strerror() names
        # it (1: MBEDTLS_ERR_ERROR_GENERIC_ERROR).
        raise OSError(code, _engine.mbedtls_error_name(code))
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


def _buffer(value):
    # A key: anything with the buffer protocol, as mp_get_buffer_raise() takes it.
    if isinstance(value, str):
        return value.encode()
    return bytes(memoryview(value))


_ATTRIBUTES = ("verify_mode", "verify_callback", "verify_flags", "psk_identity", "psk_key", "server_psk_keys")


def _psk_suites(names):
    return [n for n in names if "-PSK-" in n]


class _PskCallback:
    # A set_psk_server_callback() callback as server_psk_keys: get(identity) is the call.
    def __init__(self, callback):
        self.get = callback


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
        object.__setattr__(self, "_psk", [None, None, None])  # identity, key, server's keys
        object.__setattr__(self, "_ciphers_chosen", False)

    def __repr__(self):
        return "<SSLContext>"

    # Like the C type: these are the only attributes to set (verify_flags is CPython's, for
    # VERIFY_X509_STRICT).
    def __setattr__(self, name, value):
        if name not in _ATTRIBUTES:
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

    # ---- PSK, as upstream's attributes: the client's identity and key, applied once both are
    # set; the server's keys, any object whose get(identity) answers with the key or None.
    # Either restricts the context to PSK cipher suites unless set_ciphers() chose some.

    @property
    def psk_identity(self):
        return self._psk[0]

    @psk_identity.setter
    def psk_identity(self, identity):
        self._psk[0] = identity
        self._apply_psk()

    @property
    def psk_key(self):
        return self._psk[1]

    @psk_key.setter
    def psk_key(self, key):
        self._psk[1] = key
        self._apply_psk()

    @property
    def server_psk_keys(self):
        return self._psk[2]

    @server_psk_keys.setter
    def server_psk_keys(self, keys):
        self._psk[2] = keys
        self._config.set_psk_lookup(True)
        self._psk_suites_only()

    # The same PSK in the spelling of other MicroPython builds (set_psk_identity(), set_psk_key(),
    # the CPython-style callbacks): each only sets the attributes above.
    def set_psk_identity(self, identity):
        self.psk_identity = identity

    def set_psk_key(self, key):
        self.psk_key = key

    def set_psk_client_callback(self, callback):
        # mbedtls' client takes its identity and key before the handshake and never shows the
        # server's hint: the callback is asked once, now, with no hint (as CPython's None).
        identity, key = callback(None)
        self.psk_identity = b"" if identity is None else identity  # mbedtls needs an identity
        self.psk_key = key

    def set_psk_server_callback(self, callback):
        self.server_psk_keys = _PskCallback(callback)

    def _apply_psk(self):
        identity, key = self._psk[0], self._psk[1]
        if identity is None or key is None:
            return
        identity = _data(identity)
        key = _buffer(key)
        if self._config.set_psk(addressof(identity), len(identity), addressof(key), len(key)) < 0:
            _raise(_ERR_SSL_BAD_INPUT_DATA)  # what mbedtls_ssl_conf_psk() answers (bad length)
        # The engine's server keeps every pair it is given, where mbedtls_ssl_conf_psk() keeps
        # the last: so a server asks _server_psk_key() (a client ignores the lookup).
        self._config.set_psk_lookup(True)
        self._psk_suites_only()

    def _server_psk_key(self, identity):
        # server_psk_keys, or else the one pair psk_identity and psk_key, as a board's server.
        keys = self._psk[2]
        if keys is not None:
            return keys.get(identity)
        if _data(self._psk[0]) == identity:
            return self._psk[1]

    def _psk_suites_only(self):
        # So that a PSK context never falls back to a certificate suite.
        if not self._ciphers_chosen:
            _check(self._config.set_ciphers(",".join(_psk_suites(self.get_ciphers()))))

    def get_ciphers(self):
        return _engine.ciphers().split(",")

    def set_ciphers(self, ciphersuite):
        # Other builds' PSK spelling: "PSK" (every PSK suite) or one PSK suite's name. Any other
        # string stays upstream's TypeError.
        if ciphersuite == "PSK":
            ciphersuite = _psk_suites(self.get_ciphers())
        elif isinstance(ciphersuite, str) and _psk_suites([ciphersuite]):
            ciphersuite = [ciphersuite]
        if not isinstance(ciphersuite, (list, tuple)):
            raise TypeError("object '%s' isn't a tuple or list" % type(ciphersuite).__name__)
        names = [_data(name).decode() for name in ciphersuite]
        if not names or any("," in name for name in names):
            _raise(_ERR_SSL_BAD_CONFIG)
        _check(self._config.set_ciphers(",".join(names)))
        object.__setattr__(self, "_ciphers_chosen", True)

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

    def wrap_socket(self, sock, *, server_side=False, do_handshake_on_connect=True, server_hostname=None, session=None):
        if not (hasattr(sock, "readinto") and hasattr(sock, "write")):
            raise OSError("stream operation not supported")
        if server_hostname is not None:
            server_hostname = _data(server_hostname).decode()
            # The name reaches the engine as a C string, which a NUL would cut short
            # ("localhost\x00.evil" checked as "localhost"); the engine refuses other bad names.
            if "\x00" in server_hostname:
                _raise(-_EINVAL)
        # A connected socket.socket hands over its JS transport; any other stream is pumped.
        transport = getattr(sock, "_engine_transport", None)
        transport = transport() if transport is not None else None
        conn = self._config.new_connection(server_hostname, transport)
        if isinstance(conn, int):
            _raise(conn)
        ssock = SSLSocket(self, sock, conn, transport is not None)
        try:
            ssock._offer(session)
            if do_handshake_on_connect:
                ssock._handshake()
        except:
            ssock._release()
            raise
        return ssock


# ---- session resumption --------------------------------------------------------------------


class SSLSession(bytes):
    # A client's TLS session (a TLS 1.2 session or a TLS 1.3 ticket) as the engine saved it:
    # sealed for this engine instance, a secret all the same. A bytes subclass for the buffer
    # protocol that upstream's type has: bytes(s), memoryview(s), a file's write(s).
    # MicroPython makes the bytes after __init__ (which must not read self): it only checks
    # that buf is a session of this instance, unaltered.
    def __init__(self, buf):
        buf = _buffer(buf)
        _check(_engine.session_check(addressof(buf), len(buf)) if buf else _ERR_SSL_BAD_INPUT_DATA)

    def __repr__(self):
        return "<SSLSession>"  # not the secret

    __str__ = __repr__

    def serialize(self):
        return bytes(self)


class SSLSocket(Stream):
    def __init__(self, context, sock, conn, pulled):
        self._context = context
        self._sock = sock
        self._conn = conn
        self._error = 0  # the first failure, raised again by every later call
        self._want_read = True  # the direction the last would-block waited for
        self._poll_mask = 0  # a read that waits to write, or a write that waits to read (_poll)
        self._pulled = pulled
        if pulled:
            self._move = self._wait_on_socket
            return
        self._move = self._pump
        self._inbuf = bytearray(_CHUNK)  # grows to _RECORD for large records (_fill)
        self._outbuf = bytearray(_CHUNK)
        self._unsent = None  # output taken from the engine that the socket has not accepted yet
        # socket.socket's readinto() waits for a full buffer, as on a board: its
        # read-what-is-there instead. Any stream is asked for no more than the engine waits
        # for (_fill), so a class's readinto() may wait for a full buffer too.
        self._sock_read = getattr(sock, "_raw_readinto", None) or sock.readinto

    def __repr__(self):
        return "<SSLSocket>"

    # ---- moving the encrypted bytes ----------------------------------------------------------
    #
    # _move(want) is called before each engine operation (want None), when it would block
    # (_WANT_READ, _WANT_WRITE) and after its result (0); False means "would block: return None".

    def _wait_on_socket(self, want):
        # The engine moved the bytes itself: a blocking socket waits (its timeout, as on a
        # board), a non-blocking one returns None.
        if want == _WANT_READ or want == _WANT_WRITE:
            self._want_read = want == _WANT_READ
            try:
                return self._sock._wait_if_blocking(self._want_read)
            except OSError as e:
                if e.errno != _EAGAIN:
                    self._error = -e.errno  # a timeout ends the session, as a failed read
                raise
        return True

    def _pump(self, want):
        # Bytes between the engine and a Python stream: its output out first, then, when it
        # waits to read, what the stream has.
        if want == _WANT_READ:
            return self._flush() and self._fill()
        return self._flush()

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
        want = conn.input_wanted()
        size = len(self._inbuf)
        if want > size and size < _RECORD:
            # Large records on their way: one read each, not one per 4 KiB.
            self._inbuf = bytearray(_RECORD)
            size = _RECORD
        buf = memoryview(self._inbuf)[:want] if 0 < want < size else self._inbuf
        try:
            n = self._sock_read(buf)
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
        move = self._move
        while True:
            if not move(None):
                return None
            r = op(*args)
            if r == _WANT_VERIFY:
                self._verify()
            elif r == _WANT_PSK:
                self._psk_lookup()
            elif r == _WANT_READ or r == _WANT_WRITE:
                if not move(r):
                    return None
            else:
                move(0)
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

    def _psk_lookup(self):
        # The engine paused on a client's PSK identity: the context answers with its key
        # (_server_psk_key); None, a non-buffer or an exception refuses the identity.
        conn = self._conn
        identity = bytearray(conn.psk_identity_len())
        conn.psk_identity_into(addressof(identity))
        try:
            key = _buffer(self._context._server_psk_key(bytes(identity)))
        except Exception:
            key = b""
        conn.psk_complete(addressof(key), len(key))

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
        r = self._run(self._live().read, addr, n)
        self._poll_mask = _POLL_WR if r is None and not self._want_read else 0
        return r

    def _write_some(self, addr, n):
        r = self._run(self._live().write, addr, n)
        self._poll_mask = _POLL_RD if r is None and self._want_read else 0
        return r

    def ioctl(self, request, arg):
        # As modtls_mbedtls.c: once closed every request answers POLLNVAL, once failed every
        # request but close.
        if self._conn is None or (self._error and request != _STREAM_CLOSE):
            return _POLL_NVAL
        return Stream.ioctl(self, request, arg)

    def _poll(self, flags):
        # ioctl(MP_STREAM_POLL), as modtls_mbedtls.c answers it: decrypted bytes are readable
        # without the socket; a read that waits to write (or the reverse) asks the socket about
        # that direction instead; a closed or failed socket is POLLNVAL.
        conn = self._conn
        if conn is None or self._error:
            return _POLL_NVAL
        ready = 0
        if flags & _POLL_RD and conn.pending() > 0:
            ready = _POLL_RD
            flags &= ~_POLL_RD
            if not flags:
                return ready
        ioctl = getattr(self._sock, "ioctl", None)
        if ioctl is None:
            return ready | flags  # a stream that cannot say (io.BytesIO, ...): try it
        asked = flags & (_POLL_RD | _POLL_WR)
        if self._poll_mask and asked:
            r = ioctl(_STREAM_POLL, (flags & ~asked) | self._poll_mask)
            return ready | (r & ~(_POLL_RD | _POLL_WR)) | (asked if r & self._poll_mask else 0)
        return ready | ioctl(_STREAM_POLL, flags)

    def setblocking(self, flag):
        self._live()
        return self._sock.setblocking(flag)

    def close(self):
        conn = self._conn
        if conn is None:
            return  # closed already
        try:
            conn.close()  # the engine sends close_notify if the session is sound
            if not (self._error or self._pulled):
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

    # ---- session resumption ----------------------------------------------------------------

    @property
    def session(self):
        # The session to offer on a later connection: after the handshake (a TLS 1.3 ticket
        # comes after it: read once first); None before, once closed, and on a server.
        conn = self._conn
        n = conn.session_len() if conn is not None else 0
        if n <= 0:
            return None
        buf = bytearray(n)
        conn.session_into(addressof(buf))
        return SSLSession(buf)

    @session.setter
    def session(self, session):
        self._offer(session)  # before a deferred handshake (do_handshake_on_connect=False)

    @property
    def session_reused(self):
        return self._live().session_reused()

    def _offer(self, session):
        # A session that does not serve this connection (other trust anchors, host name, or a
        # weaker verification) is not offered: the handshake runs in full.
        if session is None:
            return
        if not isinstance(session, SSLSession):
            raise TypeError("session must be an SSLSession")
        data = bytes(session)
        r = self._live().session_load(addressof(data), len(data))
        if r == -_EINVAL:
            raise ValueError("a session is offered by a client before its handshake")
        _check(r)

    # ---- waiting without blocking (MicroPython's main thread in a browser or Node) ----------

    async def wait(self):
        # Until the socket can move bytes in the direction the last None waited for.
        if self._want_read:
            await self._sock.wait_readable()
        else:
            await self._sock.wait_writable()
