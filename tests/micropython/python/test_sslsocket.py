# SSLSocket between a client and a server in this interpreter, over an in-memory pipe whose
# ends never block: the non-blocking handshake, MicroPython's stream methods, the verify
# callback, certificate failures, close and use after close.
import io
import tls
from harness import cert, raises, eq, pipe, pump

BAD_INPUT = (-28928, "MBEDTLS_ERR_SSL_BAD_INPUT_DATA")
CONN_EOF = (-29312, "MBEDTLS_ERR_SSL_CONN_EOF")


def contexts(server_cert="server"):
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.load_verify_locations(cert("ca.der"))
    server = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert(server_cert + ".crt"), cert(server_cert + ".key"))
    return client, server


def wrap(client_ctx, server_ctx, hostname="localhost"):
    a, b = pipe()
    c = client_ctx.wrap_socket(a, server_hostname=hostname, do_handshake_on_connect=False)
    s = server_ctx.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    return c, s, a, b


def connected():
    c, s, a, b = wrap(*contexts())
    pump(lambda: c.write(b"hello"), lambda: s.read(5))
    return c, s, a, b


def test_a_non_blocking_handshake_reads_none_until_ready():
    c, s, a, b = wrap(*contexts())
    eq(a.written, 0)  # do_handshake=False: nothing sent yet
    eq(c.read(10), None)  # sends the ClientHello, then would block
    assert a.written > 0
    eq(c.read(10), None)
    eq(s.read(10), None)  # the server answers, then waits for the client's Finished
    eq(c.read(10), None)  # the client finishes; no data yet
    eq(s.write(b"ready"), 5)
    eq(c.read(10), b"ready")
    eq(c.cipher()[1], "TLSv1.3")


def test_write_and_read_move_bytes_both_ways():
    c, s, a, b = connected()
    eq(c.write(b"x" * 100000), 100000)  # several TLS records, more than one engine call
    got = pump(lambda: s.read(100000))[0]
    eq(got, b"x" * 100000)
    eq(s.write(bytearray(b"\x00\xff")), 2)
    eq(c.read(2), b"\x00\xff")
    eq(type(c.read(0)), bytes)


def test_read_returns_what_there_is_when_it_would_block():
    c, s, a, b = connected()
    s.write(b"abc")
    eq(c.read(10), b"abc")  # non-blocking: partial, not None
    eq(c.read(10), None)


def test_readinto_fills_the_buffer_and_returns_the_count():
    c, s, a, b = connected()
    s.write(b"0123456789")
    buf = bytearray(4)
    eq(c.readinto(buf), 4)
    eq(buf, bytearray(b"0123"))
    eq(c.readinto(buf, 2), 2)
    eq(buf, bytearray(b"4523"))
    mv = memoryview(buf)
    eq(c.readinto(mv[1:]), 3)
    eq(buf, bytearray(b"4678"))
    eq(c.readinto(bytearray(8)), 1)
    eq(c.readinto(bytearray(8)), None)


def test_readline_stops_after_each_newline():
    c, s, a, b = connected()
    s.write(b"first line\nsecond\nno newline")
    eq(c.readline(), b"first line\n")
    eq(c.readline(), b"second\n")
    eq(c.readline(), b"no newline")  # would block after some bytes: what there is
    eq(c.readline(), None)
    s.write(b"x\n")
    eq(c.readline(), b"x\n")


def test_read_all_runs_to_close_notify():
    c, s, a, b = connected()
    s.write(b"all of it")
    s.close()
    eq(c.read(), b"all of it")
    eq(c.read(5), b"")
    eq(c.readline(), b"")


def test_str_is_written_as_utf8():
    c, s, a, b = connected()
    eq(c.write("é"), 2)
    eq(s.read(2), "é".encode())


def test_getpeercert_binary_form_is_the_servers_der():
    c, s, a, b = connected()
    eq(c.getpeercert(True), cert("server.der"))
    eq(s.getpeercert(True), None)  # the client sent no certificate
    raises(NotImplementedError, c.getpeercert, False)


def test_close_closes_the_wrapped_socket_and_is_safe_twice():
    c, s, a, b = connected()
    c.close()
    assert a.closed
    c.close()
    eq(s.read(10), b"")  # close_notify reached the server


def test_read_and_write_after_close_are_os_errors():
    c, s, a, b = connected()
    c.close()
    for call in (lambda: c.read(1), lambda: c.write(b"x"), lambda: c.readinto(bytearray(1)),
                 lambda: c.readline(), c.cipher, lambda: c.getpeercert(True),
                 lambda: c.setblocking(True)):
        eq(raises(OSError, call).args, BAD_INPUT)


def test_setblocking_is_passed_to_the_wrapped_socket():
    c, s, a, b = connected()
    c.setblocking(False)
    c.setblocking(True)
    eq(a.blocking, [False, True])
    raises(AttributeError, tls.SSLContext(tls.PROTOCOL_TLS_SERVER).wrap_socket(
        io.BytesIO(), server_side=True, do_handshake_on_connect=False).setblocking, False)


def test_verify_callback_sees_the_chain_root_first():
    client, server = contexts()
    seen = []
    client.verify_callback = lambda der, depth: seen.append((type(der), bytes(der), depth)) or 0
    c, s, a, b = wrap(client, server)
    pump(lambda: c.write(b"x"), lambda: s.read(1))
    eq([depth for _, _, depth in seen], [1, 0])
    eq([t for t, _, _ in seen], [memoryview, memoryview])
    eq(seen[1][1], cert("server.der"))
    eq(seen[0][1], cert("ca.der"))


def test_a_non_zero_verify_callback_answer_ends_the_handshake_with_that_value():
    client, server = contexts()
    client.verify_callback = lambda der, depth: -0x2700 if depth == 0 else 0
    c, s, a, b = wrap(client, server)
    eq(c.write(b"x"), None)
    eq(s.read(1), None)
    e = raises(OSError, c.write, b"x")
    eq(e.args, (-0x2700, "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"))
    eq(raises(OSError, c.read, 1).args, e.args)  # and it stays
    client.verify_callback = lambda der, depth: 104
    c, s, a, b = wrap(client, server)
    eq(c.write(b"x"), None)
    eq(s.read(1), None)
    eq(raises(OSError, c.write, b"x").args, (104, "UNKNOWN_ERROR"))


def test_an_exception_in_the_verify_callback_propagates():
    client, server = contexts()

    def callback(der, depth):
        raise KeyError("from the callback")

    client.verify_callback = callback
    c, s, a, b = wrap(client, server)
    eq(c.write(b"x"), None)
    eq(s.read(1), None)
    eq(raises(KeyError, c.write, b"x").args, ("from the callback",))
    raises(OSError, c.write, b"x")


def test_a_wrong_hostname_is_the_cn_text():
    c, s, a, b = wrap(*contexts(), hostname="example.com")
    eq(c.write(b"x"), None)
    eq(s.read(1), None)
    e = raises(ValueError, c.write, b"x")
    eq(e.args, ("\nThe certificate Common Name (CN) does not match with the expected CN\n",))


def test_an_untrusted_server_is_the_signature_text():
    c, s, a, b = wrap(*contexts("untrusted"))
    eq(c.write(b"x"), None)
    eq(s.read(1), None)
    e = raises(ValueError, c.read, 1)
    eq(e.args, ("\nThe certificate is not correctly signed by the trusted CA\n",))


def test_cert_optional_goes_on_with_an_untrusted_server():
    client, server = contexts("untrusted")
    client.verify_mode = tls.CERT_OPTIONAL
    c, s, a, b = wrap(client, server)
    pump(lambda: c.write(b"x"), lambda: s.read(1))
    eq(c.getpeercert(True), cert("untrusted.der"))


def test_a_cn_only_certificate_verifies_as_on_a_board():
    c, s, a, b = wrap(*contexts("wrong-host-cn-only"), hostname="wrong.example")
    pump(lambda: c.write(b"x"), lambda: s.read(1))


def test_verify_x509_strict_turns_the_strict_profile_on():
    client, server = contexts("wrong-host-cn-only")
    eq(client.verify_flags, 0)
    client.verify_flags = tls.VERIFY_X509_STRICT
    eq(client.verify_flags, tls.VERIFY_X509_STRICT)
    c, s, a, b = wrap(client, server, hostname="wrong.example")
    eq(c.write(b"x"), None)
    eq(s.read(1), None)
    e = raises(ValueError, c.write, b"x")
    eq(e.args[0].split("\n")[-2], "strict profile: a server certificate needs a subjectAltName (no CN fallback) (CN=wrong.example); verify_profile='compat' allows it")


def test_a_nul_in_server_hostname_is_refused():
    client, server = contexts()
    e = raises(OSError, client.wrap_socket, pipe()[0], server_hostname="localhost\x00.evil",
               do_handshake_on_connect=False)
    eq(e.args, (22,))
    e = raises(OSError, client.wrap_socket, pipe()[0], server_hostname="local host",
               do_handshake_on_connect=False)
    eq(e.args, (22,))


def test_cert_required_needs_a_server_hostname():
    client, server = contexts()
    e = raises(ValueError, client.wrap_socket, pipe()[0])
    eq(e.args, ("CERT_REQUIRED requires server_hostname",))
    client.verify_mode = tls.CERT_NONE
    client.wrap_socket(pipe()[0], do_handshake_on_connect=False)


def test_a_stream_that_ends_in_the_handshake_is_conn_eof():
    # As MicroPython's own test: wrap_socket over an empty io.BytesIO.
    e = raises(OSError, tls.SSLContext(tls.PROTOCOL_TLS_SERVER).wrap_socket, io.BytesIO(), server_side=True)
    eq(e.args, CONN_EOF)
    c, s, a, b = wrap(*contexts())
    eq(c.write(b"x"), None)
    a.shutdown()  # the client's side of the transport ends
    eq(raises(OSError, s.read, 1).args, CONN_EOF)


def test_a_failed_wrap_socket_leaves_the_socket_open():
    a, b = pipe()
    b.shutdown()
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    client.verify_mode = tls.CERT_NONE
    eq(raises(OSError, client.wrap_socket, a).args, CONN_EOF)
    assert not a.closed


def test_transport_errors_pass_through_as_errno():
    c, s, a, b = connected()
    b.close()  # writes from the client now fail with EPIPE in the pipe
    eq(raises(OSError, c.write, b"x").args, (32,))
    eq(raises(OSError, c.read, 1).args, (32,))


def test_sslsocket_repr_is_the_c_type():
    c, s, a, b = connected()
    eq(repr(c), "<SSLSocket>")


def test_bytes_still_cross_after_micropythons_memory_grows():
    # Growing the wasm memory detaches JavaScript's view of it; the binding must notice.
    import _wasm_ssl_stream
    import _wasm_ssl_tls

    c, s, a, b = connected()
    refreshes = []

    def counting_touch():
        refreshes.append(1)
        _wasm_ssl_stream._touch_heap()

    _wasm_ssl_tls.attach_heap(counting_touch)
    try:
        big = bytearray(96 * 1024 * 1024)
        eq(c.write(b"after growth"), 12)
        eq(s.read(12), b"after growth")
        assert refreshes, "the memory did not grow: this test proves nothing"
        big = None
    finally:
        _wasm_ssl_tls.attach_heap(_wasm_ssl_stream._touch_heap)
