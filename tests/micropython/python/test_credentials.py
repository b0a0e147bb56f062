# Keys, certificates and CA data: the forms that load (PEM, DER, PKCS#8, SEC1, RSA, bundles,
# file names) and MicroPython's exact exceptions for the ones that do not.
import io
import ssl
import tls
from harness import cert, raises, eq, pipe, pump

NONE_TO_STR = "can't convert 'NoneType' object to str implicitly"


def server_context(key, crt):
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(crt, key)
    return ctx


def handshake(server_ctx, client_ctx=None, hostname="localhost"):
    """Both ends over a pipe until both have finished; returns (client, server)."""
    if client_ctx is None:
        client_ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
        client_ctx.load_verify_locations(cert("ca.der"))
    a, b = pipe()
    c = client_ctx.wrap_socket(a, server_hostname=hostname, do_handshake_on_connect=False)
    s = server_ctx.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    pump(lambda: c.write(b"?"), lambda: s.read(1))
    return c, s


def test_an_unparsable_key_is_invalid_key():
    e = raises(ValueError, ssl.wrap_socket, io.BytesIO(), key=b"!")
    eq(e.args, ("invalid key",))
    eq(raises(ValueError, server_context, b"!", cert("server.crt")).args, ("invalid key",))


def test_a_key_without_a_cert_is_a_type_error():
    e = raises(TypeError, ssl.wrap_socket, io.BytesIO(), key=cert("server.key.der"))
    eq(e.args, (NONE_TO_STR,))


def test_a_bad_key_is_reported_before_a_missing_cert():
    # MicroPython parses the key first.
    eq(raises(ValueError, ssl.wrap_socket, io.BytesIO(), key=b"!", cert=None).args, ("invalid key",))


def test_an_unparsable_cert_is_invalid_cert():
    e = raises(ValueError, ssl.wrap_socket, io.BytesIO(), key=cert("server.key.der"), cert=b"!")
    eq(e.args, ("invalid cert",))


def test_unparsable_cadata_is_invalid_cert():
    eq(raises(ValueError, ssl.wrap_socket, io.BytesIO(), cadata=b"!").args, ("invalid cert",))
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    eq(raises(ValueError, ctx.load_verify_locations, b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").args, ("invalid cert",))
    truncated = cert("ca.der")[:-10]
    eq(raises(ValueError, ctx.load_verify_locations, truncated).args, ("invalid cert",))


def test_a_key_that_is_not_the_certs_loads_and_the_handshake_fails():
    # As MicroPython's mbedtls port: load_cert_chain() takes the pair (the JS API refuses it);
    # the server then signs with a key that is not its certificate's and the client says no.
    server = server_context(cert("client.key"), cert("server.crt"))
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.load_verify_locations(cert("ca.der"))
    a, b = pipe()
    c = client.wrap_socket(a, server_hostname="localhost", do_handshake_on_connect=False)
    s = server.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    eq(c.write(b"x"), None)
    eq(s.read(1), None)  # the server signed its handshake with the other key
    eq(raises(OSError, c.write, b"x").args, (-0x6E00, "MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE"))
    # The server reads the client's alert (see test_rejection_alert.py).
    eq(raises(OSError, s.read, 1).args, (-0x7780, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE"))


def test_arguments_of_the_wrong_type_are_type_errors():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    # As mp_obj_str_get_data(): str and bytes only.
    eq(raises(TypeError, ctx.load_cert_chain, cert("server.crt"), bytearray(cert("server.key"))).args,
       ("can't convert 'bytearray' object to str implicitly",))
    eq(raises(TypeError, ctx.load_cert_chain, 42, cert("server.key")).args,
       ("can't convert 'int' object to str implicitly",))
    raises(TypeError, ctx.load_verify_locations, None)
    raises(TypeError, ctx.load_verify_locations, 1)
    raises(TypeError, tls.SSLContext(tls.PROTOCOL_TLS_CLIENT).wrap_socket, io.BytesIO(), server_hostname=1)
    raises(TypeError, ssl.wrap_socket, io.BytesIO(), key=b"k", keyfile=b"k")


def test_a_socket_that_is_no_stream_is_refused():
    e = raises(OSError, ssl.wrap_socket, 42)
    eq(e.args, ("stream operation not supported",))


def test_keys_load_in_every_form():
    # PKCS#8 PEM (openssl genpkey), PKCS#8 DER, SEC1 PEM, and an RSA PKCS#8 key.
    for key, crt in (
        ("server.key", "server.crt"),
        ("server.key.der", "server.der"),
        ("server-sec1.key", "server.crt"),
        ("server-rsa.key", "server-rsa.crt"),
    ):
        c, s = handshake(server_context(cert(key), cert(crt)))
        eq(c.getpeercert(True), cert(crt.replace(".crt", ".der")))


def test_pem_given_as_str_loads():
    handshake(server_context(cert("server.key").decode(), cert("server.crt").decode()))


def test_cadata_may_be_a_pem_bundle_or_several_der_certificates():
    for cadata in (cert("ca-bundle.pem"), cert("ca-bundle.der"), cert("ca.crt")):
        ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
        ctx.load_verify_locations(cadata)
        handshake(server_context(cert("server.key"), cert("server.crt")), ctx)


def test_ssl_takes_file_names_and_the_seed_keyword_names():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain("/certs/server.crt", "/certs/server.key")
    client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client.verify_mode = ssl.CERT_REQUIRED
    client.load_verify_locations(cafile="/certs/ca.der")
    handshake(ctx._context, client._context)

    a, b = pipe()
    s = ssl.wrap_socket(b, True, "/certs/server.key", "/certs/server.crt", do_handshake=False)
    c = ssl.wrap_socket(a, cert_reqs=ssl.CERT_REQUIRED, cadata=cert("ca.der"),
                        server_hostname="localhost", do_handshake=False)
    pump(lambda: c.write(b"x"), lambda: s.read(1))
    a, b = pipe()
    s = ssl.wrap_socket(b, server_side=True, keyfile=cert("server.key"), certfile=cert("server.crt"), do_handshake=False)
    c = ssl.wrap_socket(a, cert_reqs=ssl.CERT_REQUIRED, cadata=cert("ca.der"),
                        server_hostname="localhost", do_handshake=False)
    pump(lambda: c.write(b"x"), lambda: s.read(1))


def test_a_missing_file_is_an_os_error():
    # (Its errno is the file system's: emscripten numbers ENOENT 44, where errno.ENOENT is 2.)
    raises(OSError, ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain, "/certs/nope.crt", "/certs/server.key")


def test_a_server_without_a_certificate_fails_its_handshake():
    a, b = pipe()
    c = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    c.verify_mode = tls.CERT_NONE
    c = c.wrap_socket(a, do_handshake_on_connect=False)
    s = tls.SSLContext(tls.PROTOCOL_TLS_SERVER).wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    eq(c.write(b"x"), None)
    eq(raises(OSError, s.read, 1).args, (-28160, "MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE"))
    # The client hears why (a fatal alert), and the failure stays.
    eq(raises(OSError, c.write, b"x").args, (-30592, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE"))
    eq(raises(OSError, c.read, 1).args, (-30592, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE"))
