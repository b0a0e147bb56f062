# get_ciphers() / set_ciphers(): mbedtls' suite names, MicroPython's errors, and a choice
# that the handshake then honours.
import ssl
import tls
from harness import cert, raises, eq, pipe, pump

BAD_CONFIG = (-24192, "MBEDTLS_ERR_SSL_BAD_CONFIG")


def test_get_ciphers_lists_mbedtls_names():
    ciphers = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT).get_ciphers()
    assert len(ciphers) > 10, ciphers
    assert all(type(c) is str for c in ciphers)
    for name in ("TLS1-3-AES-128-GCM-SHA256", "TLS1-3-CHACHA20-POLY1305-SHA256",
                 "TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256", "TLS-ECDHE-RSA-WITH-CHACHA20-POLY1305-SHA256"):
        assert name in ciphers, name
    eq(ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).get_ciphers(), ciphers)


def test_an_unknown_name_is_bad_config():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    eq(raises(OSError, ctx.set_ciphers, ["BAR"]).args, BAD_CONFIG)
    eq(raises(OSError, ctx.set_ciphers, [ctx.get_ciphers()[0], "BAR"]).args, BAD_CONFIG)
    eq(raises(OSError, ctx.set_ciphers, []).args, BAD_CONFIG)
    eq(raises(OSError, ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).set_ciphers, ["BAR"]).args, BAD_CONFIG)


def test_set_ciphers_takes_a_list_or_tuple_of_names():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ciphers = ctx.get_ciphers()
    eq(raises(TypeError, ctx.set_ciphers, ciphers[0]).args, ("object 'str' isn't a tuple or list",))
    raises(TypeError, ctx.set_ciphers, [1])
    ctx.set_ciphers(ciphers[:1])
    ctx.set_ciphers(tuple(ciphers[:2]))


def test_the_chosen_suite_is_the_one_negotiated():
    suite = "TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256"  # TLS 1.2, for the test CA's P-256 key
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.load_verify_locations(cert("ca.der"))
    client.set_ciphers([suite])
    server = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert("server.crt"), cert("server.key"))
    a, b = pipe()
    c = client.wrap_socket(a, server_hostname="localhost", do_handshake_on_connect=False)
    s = server.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    pump(lambda: c.write(b"!"), lambda: s.read(1))
    eq(c.cipher(), (suite, "TLSv1.2"))
    eq(s.cipher(), (suite, "TLSv1.2"))


def test_suites_the_peer_does_not_share_fail_the_handshake():
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.verify_mode = tls.CERT_NONE
    client.set_ciphers(["TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256"])
    server = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert("server.crt"), cert("server.key"))
    server.set_ciphers(["TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384"])
    a, b = pipe()
    c = client.wrap_socket(a, do_handshake_on_connect=False)
    s = server.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    eq(c.write(b"!"), None)
    eq(raises(OSError, s.read, 1).args, (-28160, "MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE"))
