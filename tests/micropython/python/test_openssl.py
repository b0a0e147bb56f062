# A client in a Worker, with blocking sockets as on a board, against real `openssl s_server`
# processes on loopback (their ports in harness.peer), and a server in the same Worker
# against a real Node TLS client.
import socket
import ssl
import tls
from harness import cert, peer, raises, eq

CA_DER = cert("ca.der")


def connect(name):
    s = socket.socket()
    s.connect(socket.getaddrinfo("localhost", peer[name])[0][-1])
    return s


def verified(name, **options):
    """A client that verifies server `name` against the test CA, after its handshake."""
    return ssl.wrap_socket(connect(name), server_hostname="localhost", cadata=CA_DER,
                           cert_reqs=ssl.CERT_REQUIRED, **options)


def test_the_seed_snippet_runs_unchanged():
    PORT = peer["www"]
    s = socket.socket()
    s.connect(socket.getaddrinfo("localhost", PORT)[0][-1])
    ss = ssl.wrap_socket(s, server_hostname="localhost", cadata=CA_DER, cert_reqs=ssl.CERT_REQUIRED)
    ss.write(b"GET / HTTP/1.0\r\n\r\n")
    response = ss.read(1024)
    assert response.startswith(b"HTTP/1.0 200 ok\r\n"), response
    eq(len(response), 1024)  # a blocking read(n) waits for all n bytes
    ss.close()


def test_cert_required_in_both_versions_and_data_both_ways():
    for version in ("1.2", "1.3"):
        ss = verified("echo" + version)
        eq(ss.cipher()[1], "TLSv" + version)
        eq(ss.write(b"hello from micropython\n"), 23)
        eq(ss.readline(), b"nohtyporcim morf olleh\n")  # s_server -rev echoes lines reversed
        ss.close()


def test_getpeercert_is_the_servers_der():
    ss = verified("echo1.3")
    eq(ss.getpeercert(True), cert("server.der"))
    ss.close()


def test_readinto_blocks_until_the_buffer_is_full():
    ss = verified("echo1.3")
    ss.write(b"abc\n")
    ss.write(b"def\n")
    buf = bytearray(8)
    eq(ss.readinto(buf), 8)  # two echoed lines, which may arrive in two records
    eq(buf, bytearray(b"cba\nfed\n"))
    ss.close()


def refusal(name):
    """The ValueError of a verifying client refusing server `name`, as its args."""
    s = connect(name)
    e = raises(ValueError, ssl.wrap_socket, s, server_hostname="localhost", cadata=CA_DER,
               cert_reqs=ssl.CERT_REQUIRED)
    s.close()
    return e.args


def test_a_wrong_hostname_is_the_cn_text():
    eq(refusal("wrong-host"), ("\nThe certificate Common Name (CN) does not match with the expected CN\n",))


def test_an_expired_certificate_is_the_validity_text():
    eq(refusal("expired"), ("\nThe certificate validity has expired\n",))


def test_an_untrusted_server_is_the_signature_text():
    eq(refusal("untrusted"), ("\nThe certificate is not correctly signed by the trusted CA\n",))


def test_cert_none_connects_to_any_server():
    ss = ssl.wrap_socket(connect("expired"), server_hostname="localhost")
    ss.write(b"ok\n")
    eq(ss.readline(), b"ko\n")
    ss.close()


def test_verify_callback_sees_depth_1_then_0():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(CA_DER)
    seen = []
    ctx.verify_callback = lambda der, depth: seen.append((depth, bytes(der))) or 0
    ss = ctx.wrap_socket(connect("echo1.3"), server_hostname="localhost")
    eq([depth for depth, _ in seen], [1, 0])
    eq(seen[0][1], CA_DER)
    eq(seen[1][1], cert("server.der"))
    ss.close()


def test_do_handshake_false_defers_it_to_the_first_write():
    ss = verified("expired", do_handshake=False)  # would raise here if it did the handshake
    e = raises(ValueError, ss.write, b"x\n")  # the deferred handshake fails here
    eq(e.args, ("\nThe certificate validity has expired\n",))
    ss.close()
    ss = verified("echo1.2", do_handshake=False)
    ss.write(b"later\n")
    eq(ss.readline(), b"retal\n")
    ss.close()


def test_a_client_certificate_where_the_server_asks_for_one():
    ss = verified("client-auth", key=cert("client.key"), cert=cert("client.crt"))
    ss.write(b"with a certificate\n")
    eq(ss.readline(), b"etacifitrec a htiw\n")
    ss.close()


def server_context(cert_reqs):
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert("server.crt"), cert("server.key"))
    ctx.load_verify_locations(CA_DER)
    ctx.verify_mode = cert_reqs
    return ctx


def test_a_server_requiring_a_client_certificate_refuses_a_client_without():
    # The TCP connection is made from here to a Node TLS client that waits for it.
    s = connect("node-client")
    e = raises(OSError, server_context(tls.CERT_REQUIRED).wrap_socket, s, server_side=True)
    eq(e.args, (-29824, "MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE"))
    s.close()


def test_a_server_sees_the_certificate_of_a_client_that_has_one():
    ss = server_context(tls.CERT_REQUIRED).wrap_socket(connect("node-client-with-cert"), server_side=True)
    eq(ss.getpeercert(True), cert("client.der"))
    eq(ss.readline(), b"hello from node\n")
    ss.write(b"hello from micropython\n")
    ss.close()


def test_cbc_suites_against_openssl():
    # OpenSSL's AES-CBC and HMAC are the reference for the engine's (both directions, several
    # records: s_server -rev echoes each line reversed).
    line = bytes(range(32, 127)) * 60
    reversed_line = bytes(line[i] for i in range(len(line) - 1, -1, -1))
    for server, suite in (("echo1.2", "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA256"),
                          ("echo1.2", "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA"),
                          ("rsa1.2", "TLS-RSA-WITH-AES-256-CBC-SHA256"),
                          ("rsa1.2", "TLS-RSA-WITH-AES-128-CBC-SHA")):
        ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
        ctx.load_verify_locations(CA_DER)
        ctx.set_ciphers([suite])
        ss = ctx.wrap_socket(connect(server), server_hostname="localhost")
        eq(ss.cipher(), (suite, "TLSv1.2"))
        ss.write(line + b"\n")
        eq(ss.readline(), reversed_line + b"\n")
        ss.close()


PSK_IDENTITY = b"micropython"
PSK_KEY = b"secret-shared-key"  # openssl.test.js gives both peers the same


def test_a_psk_client_against_openssl():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.psk_identity = PSK_IDENTITY
    ctx.psk_key = PSK_KEY
    ss = ctx.wrap_socket(connect("psk"), server_hostname="localhost")
    assert "-PSK-" in ss.cipher()[0], ss.cipher()
    ss.write(b"psk\n")
    eq(ss.readline(), b"ksp\n")
    ss.close()


def test_a_psk_server_asks_server_psk_keys_for_a_node_clients_identity():
    seen = []

    class Keys:
        def get(self, identity):
            seen.append(identity)
            return PSK_KEY if identity == PSK_IDENTITY else None

    ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    ctx.server_psk_keys = Keys()
    ss = ctx.wrap_socket(connect("node-psk-client"), server_side=True)
    eq(ss.readline(), b"hello from node\n")
    eq(seen, [PSK_IDENTITY])
    ss.close()
    ctx.server_psk_keys = {b"someone else": PSK_KEY}  # the same client, an unknown identity
    e = raises(OSError, ctx.wrap_socket, connect("node-psk-client"), server_side=True)
    eq(e.args, (-0x6C80, "MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY"))
