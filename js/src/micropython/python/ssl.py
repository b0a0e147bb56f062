# ssl: the module MicroPython boards get from micropython-lib (python-stdlib/ssl), over `tls`,
# with the seed's keyfile=/certfile= names beside key=/cert=.
import tls
from tls import (
    CERT_NONE,
    CERT_OPTIONAL,
    CERT_REQUIRED,
    MBEDTLS_VERSION,
    PROTOCOL_TLS_CLIENT,
    PROTOCOL_TLS_SERVER,
    SSLSession,
    VERIFY_X509_STRICT,
)


def _read_file(name):
    with open(name, "rb") as f:
        return f.read()


class SSLContext:
    def __init__(self, *args):
        self._context = tls.SSLContext(*args)
        self._context.verify_mode = CERT_NONE

    # As MicroPython's C SSLContext (and tls.SSLContext): no other attribute can be set or
    # deleted, so a misspelt or CPython-only setting (check_hostname) is an error, not ignored.
    def __setattr__(self, name, value):
        if name not in ("_context", "verify_mode", "verify_flags"):
            raise AttributeError(name)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        raise AttributeError(name)

    @property
    def verify_mode(self):
        return self._context.verify_mode

    @verify_mode.setter
    def verify_mode(self, val):
        self._context.verify_mode = val

    @property
    def verify_flags(self):
        return self._context.verify_flags

    @verify_flags.setter
    def verify_flags(self, val):
        self._context.verify_flags = val

    def get_ciphers(self):
        return self._context.get_ciphers()

    def set_ciphers(self, ciphersuite):
        # MicroPython's C ssl module read any argument as a list of names, so a str that is not
        # one of tls's PSK spellings named no suite: BAD_CONFIG there (its tests expect it), where
        # tls.SSLContext raises TypeError. Either way a str never silently chooses suites.
        try:
            self._context.set_ciphers(ciphersuite)
        except TypeError:
            if not isinstance(ciphersuite, str):
                raise
            tls._raise(tls._ERR_SSL_BAD_CONFIG)

    def load_cert_chain(self, certfile, keyfile):
        # A str names a file; bytes are the certificate or key themselves (PEM or DER).
        if isinstance(certfile, str):
            certfile = _read_file(certfile)
        if isinstance(keyfile, str):
            keyfile = _read_file(keyfile)
        self._context.load_cert_chain(certfile, keyfile)

    def load_verify_locations(self, cafile=None, cadata=None):
        if cafile:
            cadata = _read_file(cafile)
        self._context.load_verify_locations(cadata)

    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True, server_hostname=None, session=None):
        return self._context.wrap_socket(
            sock,
            server_side=server_side,
            do_handshake_on_connect=do_handshake_on_connect,
            server_hostname=server_hostname,
            session=session,
        )


def wrap_socket(
    sock,
    server_side=False,
    keyfile=None,
    certfile=None,
    cert_reqs=CERT_NONE,
    cadata=None,
    server_hostname=None,
    do_handshake=True,
    key=None,
    cert=None,
):
    # keyfile/certfile (the documented names) and key/cert (micropython-lib's) are one thing:
    # bytes are the data, a str is a file name.
    if key is not None and keyfile is not None:
        raise TypeError("give key or keyfile, not both")
    if cert is not None and certfile is not None:
        raise TypeError("give cert or certfile, not both")
    key = keyfile if key is None else key
    cert = certfile if cert is None else cert
    con = SSLContext(PROTOCOL_TLS_SERVER if server_side else PROTOCOL_TLS_CLIENT)
    if cert or key:
        con.load_cert_chain(cert, key)
    if cadata:
        con.load_verify_locations(cadata=cadata)
    con.verify_mode = cert_reqs
    return con.wrap_socket(
        sock,
        server_side=server_side,
        do_handshake_on_connect=do_handshake,
        server_hostname=server_hostname,
    )
