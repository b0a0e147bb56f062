# The PSK spellings other MicroPython builds carry, as aliases of tls.SSLContext's psk_identity,
# psk_key and server_psk_keys: set_psk_identity()/set_psk_key(), set_ciphers("PSK") or one PSK
# suite's name, set_psk_client_callback() and set_psk_server_callback(). In a Worker, against
# `openssl s_server` (with -psk, and with a certificate only) and Node TLS PSK clients (ports
# in harness.peer).
import socket
import tls
from harness import raises, eq, peer

PSK_IDENTITY = b"micropython"
PSK_KEY = b"secret-shared-key"  # psk-aliases.test.js gives the peers the same
UNKNOWN_IDENTITY = (-0x6C80, "MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY")


def connect(name):
    s = socket.socket()
    s.connect(socket.getaddrinfo("localhost", peer[name])[0][-1])
    return s


def echoes(ctx):
    """A client handshake with the s_server, and its reversed echo of one line."""
    ss = ctx.wrap_socket(connect("psk"), server_hostname="localhost")
    ss.write(b"psk\n")
    eq(ss.readline(), b"ksp\n")
    cipher = ss.cipher()
    ss.close()
    return cipher


def serves(ctx, client):
    """A server handshake with a Node PSK client; its greeting, or the handshake's OSError."""
    try:
        ss = ctx.wrap_socket(connect(client), server_side=True)
    except OSError as e:
        return e.args
    line = ss.readline()
    ss.close()
    return line


def test_set_psk_identity_set_psk_key_and_set_ciphers_psk_against_openssl():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.set_psk_identity(PSK_IDENTITY.decode())  # a str, as upstream's file passes it
    ctx.set_psk_key(PSK_KEY)
    ctx.set_ciphers("PSK")
    eq((ctx.psk_identity, ctx.psk_key), (PSK_IDENTITY.decode(), PSK_KEY))
    cipher, version = echoes(ctx)
    assert "-PSK-" in cipher, cipher
    eq(version, "TLSv1.2")


def test_set_ciphers_psk_never_falls_back_to_a_certificate_suite():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = tls.CERT_NONE  # the certificate would be accepted
    ctx.set_psk_identity(PSK_IDENTITY)
    ctx.set_psk_key(PSK_KEY)
    ctx.set_ciphers("PSK")
    s = connect("cert")
    e = raises(OSError, ctx.wrap_socket, s, server_hostname="localhost")
    s.close()
    eq(e.args, (-0x7780, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE"))  # s_server: no shared cipher


def test_set_ciphers_takes_one_psk_suite_by_its_name():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.set_psk_identity(PSK_IDENTITY)
    ctx.set_psk_key(PSK_KEY)
    ctx.set_ciphers("TLS-PSK-WITH-AES-128-GCM-SHA256")
    eq(echoes(ctx)[0], "TLS-PSK-WITH-AES-128-GCM-SHA256")


def test_other_strings_in_set_ciphers_stay_upstreams_errors():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    e = raises(TypeError, ctx.set_ciphers, ctx.get_ciphers()[0])  # a certificate suite's name
    eq(e.args, ("object 'str' isn't a tuple or list",))
    e = raises(OSError, ctx.set_ciphers, "TLS-PSK-WITH-NO-SUCH-CIPHER")  # a PSK name this build lacks
    eq(e.args, (-0x5E80, "MBEDTLS_ERR_SSL_BAD_CONFIG"))


def test_the_client_callback_is_asked_once_at_once_without_a_hint():
    hints = []

    def callback(hint):
        hints.append(hint)
        return PSK_IDENTITY, PSK_KEY

    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.set_psk_client_callback(callback)
    eq(hints, [None])  # mbedtls' client never shows it the server's hint
    eq((ctx.psk_identity, ctx.psk_key), (PSK_IDENTITY, PSK_KEY))
    assert "-PSK-" in echoes(ctx)[0]
    eq(hints, [None])


def test_a_client_callback_without_an_identity_is_refused():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    e = raises(OSError, ctx.set_psk_client_callback, lambda hint: (None, PSK_KEY))
    eq(e.args, (-0x7100, "MBEDTLS_ERR_SSL_BAD_INPUT_DATA"))


def test_the_server_callback_is_asked_for_each_clients_identity():
    seen = []

    def callback(identity):
        seen.append(identity)
        return {PSK_IDENTITY: PSK_KEY}[identity]  # a KeyError refuses the identity

    ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    ctx.set_psk_server_callback(callback)
    eq(serves(ctx, "node-psk-client"), b"hello from node\n")
    eq(serves(ctx, "node-psk-stranger"), UNKNOWN_IDENTITY)
    eq(seen, [PSK_IDENTITY, b"stranger"])


def test_a_server_with_set_psk_identity_and_key_serves_that_identity_only():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    ctx.set_psk_identity(PSK_IDENTITY)
    ctx.set_psk_key(PSK_KEY)
    ctx.set_ciphers("PSK")
    eq(serves(ctx, "node-psk-client"), b"hello from node\n")
    eq(serves(ctx, "node-psk-stranger"), UNKNOWN_IDENTITY)


def test_a_server_keeps_only_the_last_identity_and_key_set():
    # As mbedtls_ssl_conf_psk() replaces the pair on a board.
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    ctx.set_psk_identity(b"stranger")
    ctx.set_psk_key(b"an older key")
    ctx.set_psk_identity(PSK_IDENTITY)  # "stranger" is no longer known
    eq(serves(ctx, "node-psk-stranger"), UNKNOWN_IDENTITY)
    ctx.set_psk_key(PSK_KEY)  # nor is the older key
    eq(serves(ctx, "node-psk-client"), b"hello from node\n")
