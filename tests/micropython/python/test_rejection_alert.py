# What a server sees when the client rejects its certificate. Under TLS 1.2 it is the client's
# alert (MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, as MicroPython's tests expect). Under TLS 1.3 it
# is MBEDTLS_ERR_SSL_INVALID_MAC, and that is mbedtls 3.6's own doing: its client switches its
# outgoing records to the handshake keys only after the server's Finished
# (ssl_tls13_write_client_certificate), so an alert sent while it checks the server's
# Certificate goes out in plaintext; the server, which already reads under the client's
# handshake keys, cannot decrypt that record. These tests pin both halves on the wire.
import tls
from harness import cert, raises, eq, pipe

ALERT, HANDSHAKE = 0x15, 0x16
INVALID_MAC = (-0x7180, "MBEDTLS_ERR_SSL_INVALID_MAC")
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


def test_under_tls13_the_clients_alert_goes_out_in_plaintext_and_the_server_reads_invalid_mac():
    records, e = rejected(tls12=False)
    eq(records, [(ALERT, bytes([2, 48]))])  # fatal unknown_ca, readable by anyone
    eq(e.args, INVALID_MAC)


def test_under_tls12_the_server_reads_the_clients_alert():
    records, e = rejected(tls12=True)
    eq(records, [(ALERT, bytes([2, 48]))])
    eq(e.args, FATAL_ALERT)
