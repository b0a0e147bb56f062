# TLS session resumption (ssl.SSLSession) in a Worker, with blocking sockets as on a board,
# against real `openssl s_server` processes on loopback (their ports in harness.peer): a TLS 1.3
# ticket, a TLS 1.2 ticket and a TLS 1.2 session id (-no_ticket). Each resumed handshake is
# told from a full one by the bytes it moved (the server's certificate stays home), not only by
# what the engine says.
import socket
import ssl
from harness import Counting, cert, peer, pipe, raises, eq

CA_DER = cert("ca.der")
BAD_INPUT_DATA = (-0x7100, "MBEDTLS_ERR_SSL_BAD_INPUT_DATA")


def context(cadata=CA_DER, verify_mode=ssl.CERT_REQUIRED):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = verify_mode
    if cadata:
        ctx.load_verify_locations(cadata=cadata)
    return ctx


def exchange(name, session=None, host="localhost", ctx=None, counted=True):
    """One connection to server `name` offering `session`, a line echoed: (its session, the
    bytes it moved, whether it resumed)."""
    s = socket.socket()
    s.connect(socket.getaddrinfo("localhost", peer[name])[0][-1])
    stream = Counting(s) if counted else s
    tls = (ctx or context()).wrap_socket(stream, server_hostname=host, session=session)
    tls.write(b"abc\n")
    eq(tls.readline(), b"cba\n")  # s_server -rev; under TLS 1.3 the tickets came first
    eq(tls.getpeercert(True), cert("server.der"))  # resumed too: the original handshake's
    result = (tls.session, stream.count if counted else None, tls.session_reused)
    tls.close()
    return result


def resumes(name, version):
    session, full, reused = exchange(name)
    eq(reused, False)
    for _ in range(2):  # the session a resumed connection saves resumes too
        session, count, reused = exchange(name, session)
        eq(reused, True)
        assert count < full - 300, (count, full)  # no certificate, no signature
    s = socket.socket()
    s.connect(socket.getaddrinfo("localhost", peer[name])[0][-1])
    tls = context().wrap_socket(s, server_hostname="localhost", session=session)
    eq(tls.cipher()[1], version)
    tls.close()


def test_a_tls13_ticket_resumes():
    resumes("tls1.3", "TLSv1.3")


def test_a_tls12_ticket_resumes():
    resumes("tls1.2-ticket", "TLSv1.2")


def test_a_tls12_session_id_resumes():
    resumes("tls1.2-id", "TLSv1.2")


def test_a_session_resumes_over_a_socket_the_engine_moves_itself():
    session, _, reused = exchange("tls1.3", counted=False)
    eq(reused, False)
    eq(exchange("tls1.3", session, counted=False)[2], True)


def test_the_session_attribute_before_a_deferred_handshake():
    session = exchange("tls1.2-ticket")[0]
    s = socket.socket()
    s.connect(socket.getaddrinfo("localhost", peer["tls1.2-ticket"])[0][-1])
    tls = context().wrap_socket(s, server_hostname="localhost", do_handshake_on_connect=False)
    tls.session = session
    tls.write(b"abc\n")
    eq(tls.readline(), b"cba\n")
    eq(tls.session_reused, True)
    # ... and once the handshake ran, a session is too late.
    eq(raises(ValueError, setattr, tls, "session", session).args,
       ("a session is offered by a client before its handshake",))
    tls.close()
    eq(tls.session, None)


def test_a_tls13_session_taken_before_the_ticket_is_a_full_handshake():
    # Under TLS 1.3 the ticket follows the handshake: the session read before any data holds
    # none (read once first, as the docs say). Offered, it is not an error: a full handshake.
    s = socket.socket()
    s.connect(socket.getaddrinfo("localhost", peer["tls1.3"])[0][-1])
    tls = context().wrap_socket(s, server_hostname="localhost")
    early = tls.session
    tls.close()
    eq(type(early), ssl.SSLSession)
    eq(exchange("tls1.3", early)[2], False)


def test_a_session_for_another_host_name_is_a_full_verified_handshake():
    session, full, _ = exchange("tls1.3")
    # 127.0.0.1 is in the certificate too: a full handshake, verified, which succeeds.
    _, count, reused = exchange("tls1.3", session, host="127.0.0.1")
    eq(reused, False)
    assert count > full - 100, (count, full)
    # A name the certificate does not carry: verification runs, and refuses.
    s = socket.socket()
    s.connect(socket.getaddrinfo("localhost", peer["tls1.3"])[0][-1])
    e = raises(ValueError, context().wrap_socket, s, server_hostname="wrong.example", session=session)
    eq(e.args, ("\nThe certificate Common Name (CN) does not match with the expected CN\n",))
    s.close()


def test_a_session_under_other_trust_anchors_is_a_full_verified_handshake():
    session, full, _ = exchange("tls1.2-ticket")
    # Another set of anchors that still holds the test CA: full, and it verifies.
    _, count, reused = exchange("tls1.2-ticket", session, ctx=context(cert("ca-bundle.der")))
    eq(reused, False)
    assert count > full - 100, (count, full)
    # Anchors that do not sign the server: verification runs, and refuses.
    s = socket.socket()
    s.connect(socket.getaddrinfo("localhost", peer["tls1.2-ticket"])[0][-1])
    e = raises(ValueError, context(cert("other-ca.der")).wrap_socket, s, server_hostname="localhost",
               session=session)
    eq(e.args, ("\nThe certificate is not correctly signed by the trusted CA\n",))
    s.close()


def test_an_unverified_session_does_not_serve_a_verifying_client():
    session, _, _ = exchange("tls1.3", ctx=context(None, ssl.CERT_NONE))
    eq(exchange("tls1.3", session)[2], False)  # CERT_REQUIRED: verified in full
    eq(exchange("tls1.3", session, ctx=context(None, ssl.CERT_NONE))[2], True)


def test_session_bytes_are_checked():
    session = exchange("tls1.3")[0]
    data = bytes(session)
    eq(type(session), ssl.SSLSession)
    assert ssl.SSLSession is __import__("tls").SSLSession
    eq(repr(session), "<SSLSession>")  # not the secret
    eq(bytes(ssl.SSLSession(data)), data)
    eq(session.serialize(), data)
    for bad in (b"garbage", b"", data[:-1], data + b"\x00"):
        eq(raises(OSError, ssl.SSLSession, bad).args, BAD_INPUT_DATA)
    altered = bytearray(data)
    altered[len(altered) // 2] ^= 1
    eq(raises(OSError, ssl.SSLSession, altered).args, BAD_INPUT_DATA)
    eq(raises(TypeError, ssl.SSLSession, 123).args, ("object with buffer protocol required",))


def test_only_a_session_is_offered_and_only_by_a_client():
    session = exchange("tls1.3")[0]
    client_end, server_end = pipe()
    e = raises(TypeError, context().wrap_socket, client_end, server_hostname="localhost",
               session=bytes(session))
    eq(e.args, ("session must be an SSLSession",))
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert("server.der"), cert("server.key.der"))
    e = raises(ValueError, server.wrap_socket, server_end, server_side=True, session=session)
    eq(e.args, ("a session is offered by a client before its handshake",))
    eq(client_end.closed or server_end.closed, False)  # a refused wrap_socket leaves the socket
