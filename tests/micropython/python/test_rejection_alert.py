# What a server sees when the client rejects its certificate: the client's alert
# (MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, as MicroPython's tests expect), in both versions. Under
# TLS 1.3 the alert goes under the client's handshake traffic keys (RFC 8446), the keys the
# server reads with at that point: one encrypted record. (mbedtls 3.6 alone would send it in
# plaintext, which the server reads as MBEDTLS_ERR_SSL_INVALID_MAC; the engine moves the
# client's outgoing keys forward, see src/mbedtls_private.h.) Both halves are checked on the
# wire.
import tls
from harness import cert, raises, eq, pipe

ALERT, APPLICATION_DATA = 0x15, 0x17
FATAL_ALERT = (-0x7780, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE")


def rejected(tls12):
    """The client rejects the server's certificate (an untrusted CA): returns the records the
    client sent after its ClientHello, and the server's error on reading them."""
    client = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED
    client.load_verify_locations(cert("other-ca.der"))  # not the server's CA
    server = tls.SSLContext(tls.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert("server.crt"), cert("server.key"))
    if tls12:
        client.set_ciphers(["TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256", "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256"])
    a, b = pipe()
    c = client.wrap_socket(a, server_hostname="localhost", do_handshake_on_connect=False)
    s = server.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
    eq(c.write(b"x"), None)  # ClientHello
    eq(s.read(1), None)  # the server's flight
    b._in.data = bytearray()  # drop the ClientHello: only what follows is looked at
    raises(ValueError, c.write, b"x")  # "certificate not trusted"
    records = records_of(bytes(b._in.data))
    return records, raises(OSError, s.read, 1)


def records_of(data):
    out = []
    while len(data) >= 5:
        n = (data[3] << 8) | data[4]
        out.append((data[0], data[5 : 5 + n]))
        data = data[5 + n :]
    return out


def test_under_tls13_the_clients_alert_is_encrypted_and_the_server_reads_it():
    records, e = rejected(tls12=False)
    eq(len(records), 1)
    kind, body = records[0]
    eq(kind, APPLICATION_DATA)  # the outer type of every TLS 1.3 encrypted record
    eq(bytes([2, 48]) in body, False)  # fatal unknown_ca is not readable on the wire
    eq(len(body) >= 2 + 1 + 16, True)  # alert, inner content type, AEAD tag
    eq(e.args, FATAL_ALERT)


def test_under_tls12_the_server_reads_the_clients_plaintext_alert():
    records, e = rejected(tls12=True)
    eq(records, [(ALERT, bytes([2, 48]))])  # fatal unknown_ca: no keys are in use yet
    eq(e.args, FATAL_ALERT)
