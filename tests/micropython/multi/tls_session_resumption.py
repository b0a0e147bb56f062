# TLS session resumption between two instances: the server's context issues tickets, the
# client offers a saved session (directly, through serialize(), bytes() or memoryview(), or
# through the socket's attribute before a deferred handshake) and the resumed handshake moves
# fewer bytes. A session offered to another host name is not used: that handshake is full.
import socket
import ssl
from harness import Counting, cert, listen, server_context, verifying_client_context

CONNECTIONS = 9


def instance0():
    s = listen(multitest)
    multitest.next()
    ctx = server_context()  # one context: its ticket key serves them all
    for i in range(CONNECTIONS):
        conn, _ = s.accept()
        tls = ctx.wrap_socket(conn, server_side=True)
        print(i, "server read", tls.read(9), "session", tls.session)
        tls.write(b"to client")
        tls.close()
    s.close()


def connect(session=None, host="localhost", via_attribute=False, tls12=False):
    s = socket.socket()
    s.connect(("127.0.0.1", PORT))
    stream = Counting(s)
    ctx = verifying_client_context()
    if tls12:
        ctx.set_ciphers(["TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256"])  # no TLS 1.3 suite
    if via_attribute:
        tls = ctx.wrap_socket(stream, server_hostname=host, do_handshake_on_connect=False)
        tls.session = session
    else:
        tls = ctx.wrap_socket(stream, server_hostname=host, session=session)
    tls.write(b"to server")
    data = tls.read(9)  # under TLS 1.3 the ticket comes after the handshake, before the data
    saved = tls.session
    facts = (data, tls.cipher()[1], tls.session_reused, tls.getpeercert(True) == cert("server.der"))
    tls.close()
    return saved, stream.count, facts, tls


def instance1():
    multitest.next()
    session, full, facts, tls = connect()
    print("full:", facts, type(session), session)
    print("once closed:", tls.session)
    for how in ("direct", "serialize", "bytes", "memoryview", "attribute"):
        if how == "serialize":
            session = ssl.SSLSession(session.serialize())
        elif how == "bytes":
            session = ssl.SSLSession(bytes(session))
        elif how == "memoryview":
            session = ssl.SSLSession(memoryview(session))
        session, resumed, facts, _ = connect(session, via_attribute=how == "attribute")
        print(how + ":", facts, "fewer bytes", resumed < full)
    # Saved for "localhost", offered for 127.0.0.1 (which the certificate names too): full,
    # and verified as that connection asks. (A full handshake's size varies by a few bytes
    # with its signatures: it is told from a resumed one by the midpoint.)
    _, count, facts, _ = connect(session, host="127.0.0.1")
    print("other host:", facts, "full size", count > (full + resumed) // 2)
    # TLS 1.2: a ticket too.
    session, full12, facts, _ = connect(tls12=True)
    print("tls1.2 full:", facts)
    _, count, facts, _ = connect(session, tls12=True)
    print("tls1.2 resumed:", facts, "fewer bytes", count < full12)
