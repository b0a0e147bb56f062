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


def test_ssl_contexts_set_ciphers_refuses_a_str_as_bad_config():
    # As MicroPython's C ssl module did (it read the str as a list of names); tls raises TypeError.
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    eq(raises(OSError, ctx.set_ciphers, "TLS-RSA-WITH-AES-256-CBC-SHA256").args, BAD_CONFIG)
    eq(raises(OSError, ctx.set_ciphers, "ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA").args, BAD_CONFIG)
    raises(TypeError, ctx.set_ciphers, [1])
    ctx.set_ciphers(["TLS-RSA-WITH-AES-256-CBC-SHA256"])


def deferred_pair(client_suites, server_cert="server"):
    """A client that trusts the test CA and offers client_suites, and a server with the test
    certificate server_cert, over a pipe, their handshakes left for pump() to drive."""
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.load_verify_locations(cert("ca.der"))
    client.set_ciphers(client_suites)
    server = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert(server_cert + ".crt"), cert(server_cert + ".key"))
    a, b = pipe()
    return (client.wrap_socket(a, server_hostname="localhost", do_handshake_on_connect=False),
            server.wrap_socket(b, server_side=True, do_handshake_on_connect=False))


def test_the_chosen_suite_is_the_one_negotiated():
    suite = "TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256"  # TLS 1.2, for the test CA's P-256 key
    c, s = deferred_pair([suite])
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


# The CBC suites of MicroPython's list (its tests print these eight), over ECDHE-ECDSA with the
# test CA's P-256 key and over RSA key exchange with an RSA key.
CBC_SUITES = (
    "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA384", "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA",
    "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA256", "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA",
    "TLS-RSA-WITH-AES-256-CBC-SHA256", "TLS-RSA-WITH-AES-256-CBC-SHA",
    "TLS-RSA-WITH-AES-128-CBC-SHA256", "TLS-RSA-WITH-AES-128-CBC-SHA",
)


def test_upstreams_cbc_suites_are_listed_after_every_aead_suite():
    ciphers = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT).get_ciphers()
    for name in CBC_SUITES:
        assert name in ciphers, name
    cbc = [i for i, name in enumerate(ciphers) if "-CBC-" in name]
    aead = [i for i, name in enumerate(ciphers) if "-CBC-" not in name]
    assert max(aead) < min(cbc), ciphers


def test_an_unchosen_handshake_never_lands_on_cbc():
    every = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT).get_ciphers()
    c, s = deferred_pair([n for n in every if not n.startswith("TLS1-3-")])  # TLS 1.2
    pump(lambda: c.write(b"!"), lambda: s.read(1))
    assert "-CBC-" not in c.cipher()[0], c.cipher()


def test_each_cbc_suite_carries_data_both_ways():
    data = bytes(range(256)) * 300  # several records, and CBC runs of every length
    for suite in CBC_SUITES:
        c, s = deferred_pair([suite], "server-rsa" if "-RSA-" in suite else "server")
        got = bytearray()

        def server_reads():
            chunk = s.read(len(data))
            if chunk:
                got.extend(chunk)
            return True if len(got) == len(data) else None

        pump(lambda: c.write(data), server_reads, rounds=200)
        eq(bytes(got), data)
        eq(c.cipher(), (suite, "TLSv1.2"))
        eq(s.write(data[:1000]), 1000)
        eq(c.read(1000), data[:1000])
