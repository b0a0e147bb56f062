# TLS-PSK through tls.SSLContext's psk_identity, psk_key and server_psk_keys, as MicroPython's
# mbedtls port has them: a client and a server in this interpreter over an in-memory pipe.
import tls
from harness import cert, raises, eq, pipe

IDENTITY = b"micropython"
KEY = b"secret-shared-key"
UNKNOWN_IDENTITY = -0x6C80  # MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY
FATAL_ALERT = -0x7780  # MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE


def client_context(identity=IDENTITY, key=KEY):
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.psk_identity = identity
    ctx.psk_key = key
    return ctx


def server_context(keys):
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    ctx.server_psk_keys = keys
    return ctx


def exchange(client_ctx, server_ctx):
    """Both handshakes to their end; each side's result: the bytes it read, or its OSError."""
    a, b = pipe()
    c = client_ctx.wrap_socket(a, server_hostname="micropython.local", do_handshake_on_connect=False)
    s = server_ctx.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    sent = [False]

    def client():
        if not sent[0]:
            sent[0] = c.write(b"client to server") is not None
            return None
        return c.read(16)

    def server():
        data = s.read(16)
        if data:
            s.write(b"server to client")
        return data

    out = [None, None]
    for _ in range(50):
        for i, step in enumerate((client, server)):
            if out[i] is None:
                try:
                    out[i] = step()
                except OSError as e:
                    out[i] = e
        if out[0] is not None and out[1] is not None:
            return out, c, s
    raise AssertionError("no end after 50 rounds: %r" % (out,))


def test_the_attributes_start_as_none_and_read_back_what_was_set():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    eq((ctx.psk_identity, ctx.psk_key, ctx.server_psk_keys), (None, None, None))
    keys = {IDENTITY: KEY}
    ctx.psk_identity = IDENTITY
    ctx.psk_key = bytearray(KEY)
    ctx.server_psk_keys = keys
    eq((ctx.psk_identity, ctx.psk_key, ctx.server_psk_keys), (IDENTITY, bytearray(KEY), keys))


def test_a_key_longer_than_mbedtls_allows_is_an_os_error_in_either_order():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.psk_identity = IDENTITY
    e = raises(OSError, setattr, ctx, "psk_key", b"x" * 49)
    eq(e.args, (-0x7100, "MBEDTLS_ERR_SSL_BAD_INPUT_DATA"))
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.psk_key = b"x" * 49  # nothing to apply yet: no identity
    raises(OSError, setattr, ctx, "psk_identity", IDENTITY)
    ctx.psk_key = b"x" * 48  # the longest there is
    raises(TypeError, setattr, ctx, "psk_key", 12345)


def test_a_psk_client_and_server_exchange_data_over_a_psk_suite():
    (got_client, got_server), c, s = exchange(client_context(), server_context({IDENTITY: KEY}))
    eq(got_server, b"client to server")
    eq(got_client, b"server to client")
    cipher, version = c.cipher()
    assert "-PSK-" in cipher, cipher
    eq(version, "TLSv1.2")
    eq(s.cipher(), (cipher, version))
    eq(c.getpeercert(True), None)  # no certificate was involved


def test_a_binary_identity_is_opaque_bytes_end_to_end():
    identity = b"\xff\xfe\xfd\x00"
    (got_client, got_server), c, s = exchange(client_context(identity), server_context({identity: KEY}))
    eq(got_server, b"client to server")


def test_server_psk_keys_may_be_any_object_with_get():
    seen = []

    class Store:
        def get(self, identity):
            seen.append(identity)
            return KEY if identity == IDENTITY else None

    (got_client, got_server), c, s = exchange(client_context(), server_context(Store()))
    eq(got_server, b"client to server")
    eq(seen, [IDENTITY])
    eq(type(seen[0]), bytes)


def test_an_unknown_identity_fails_both_handshakes():
    (got_client, got_server), c, s = exchange(client_context(b"stranger"), server_context({IDENTITY: KEY}))
    eq(got_server.args[0], UNKNOWN_IDENTITY)
    eq(got_client.args[0], FATAL_ALERT)


def test_the_wrong_key_fails_both_handshakes():
    (got_client, got_server), c, s = exchange(client_context(key=b"wrong-key"), server_context({IDENTITY: KEY}))
    assert isinstance(got_client, OSError) and isinstance(got_server, OSError), (got_client, got_server)


def test_a_lookup_that_misbehaves_refuses_the_identity():
    class Raises:
        def get(self, identity):
            raise KeyError(identity)

    class NotBytes:
        def get(self, identity):
            return 12345

    for keys in (Raises(), NotBytes(), {IDENTITY: b"x" * 49}, object()):
        (got_client, got_server), c, s = exchange(client_context(), server_context(keys))
        eq(got_server.args[0], UNKNOWN_IDENTITY)
        eq(got_client.args[0], FATAL_ALERT)


def test_a_psk_client_never_falls_back_to_a_certificate_suite():
    client = client_context()
    client.load_verify_locations(cert("ca.der"))  # it would trust the server's certificate
    server = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert("server.crt"), cert("server.key"))
    (got_client, got_server), c, s = exchange(client, server)
    assert isinstance(got_client, OSError) and isinstance(got_server, OSError), (got_client, got_server)


def test_a_client_without_psk_cannot_connect_to_a_psk_server():
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.verify_mode = tls.CERT_NONE
    (got_client, got_server), c, s = exchange(client, server_context({IDENTITY: KEY}))
    assert isinstance(got_client, OSError) and isinstance(got_server, OSError), (got_client, got_server)


def test_a_psk_server_with_a_certificate_still_refuses_a_certificate_only_client():
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.load_verify_locations(cert("ca.der"))  # it would accept the server's certificate
    server = server_context({IDENTITY: KEY})
    server.load_cert_chain(cert("server.crt"), cert("server.key"))
    (got_client, got_server), c, s = exchange(client, server)
    assert isinstance(got_client, OSError) and isinstance(got_server, OSError), (got_client, got_server)


def test_set_ciphers_chooses_the_psk_suites_itself():
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    psk_suites = [n for n in client.get_ciphers() if "-PSK-" in n]
    client.set_ciphers(psk_suites[-1:])
    client.psk_identity = IDENTITY
    client.psk_key = KEY
    (got_client, got_server), c, s = exchange(client, server_context({IDENTITY: KEY}))
    eq(c.cipher()[0], psk_suites[-1])
