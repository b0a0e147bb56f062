// Everything the engine reads of mbedtls' private state, in one place. mbedtls 3.6 has no public
// call for these questions; each is answered here from a private field (or a library-internal
// function), and tests/native/mbedtls_private_test.cpp pins each against a real handshake, so an
// mbedtls update that moves one fails there first and is fixed here only.
#pragma once

#include <cstddef>
#include <cstdint>

#include "mbedtls/ssl.h"

namespace wssl {
namespace mbedtls_private {

// The handshake state mbedtls processes next (MBEDTLS_SSL_SERVER_CERTIFICATE, ...): ssl.state.
int handshake_state(const mbedtls_ssl_context &ssl);

// Bytes of an incoming record that have arrived but not been consumed, a header or a record not
// yet complete among them: ssl.in_left.
size_t incoming_bytes_held(const mbedtls_ssl_context &ssl);

// Bytes of encrypted output mbedtls holds that the transport has not taken yet: ssl.out_left.
size_t outgoing_bytes_held(const mbedtls_ssl_context &ssl);

// The sequence number the next outgoing record will carry (it grows by one per record
// encrypted): ssl.cur_out_ctr, read as a big-endian number.
uint64_t next_outgoing_record_number(const mbedtls_ssl_context &ssl);

// Hands the transport what mbedtls holds (its library-internal mbedtls_ssl_flush_output):
// 0, MBEDTLS_ERR_SSL_WANT_WRITE or an error.
int flush_output(mbedtls_ssl_context *ssl);

// Reads the next incoming record in full without consuming it (mbedtls' library-internal
// mbedtls_ssl_fetch_input, whose bytes its next read_record then uses): 0 with *record at its
// 5-byte header and *len its whole size, MBEDTLS_ERR_SSL_WANT_READ, or an error.
int peek_incoming_record(mbedtls_ssl_context *ssl, const uint8_t **record, size_t *len);

// Called before each handshake step: puts a TLS 1.3 fatal alert under the keys the peer reads
// with at that point (RFC 8446), where mbedtls 3.6 switches its outbound keys later.
// - A client reading the server's flight (EncryptedExtensions to Finished) would send an alert
//   (rejecting the server's certificate, say) in plaintext: mbedtls moves ssl.transform_out to
//   the handshake traffic keys only when it writes its own second flight. From the ServerHello
//   on, ssl.transform_out points at the handshake transform (ssl.transform_in then); before the
//   compatibility-mode ChangeCipherSpec, which goes unprotected, it is put back.
// - A server reading the client's second flight (rejecting its certificate, say) would send
//   its alert under its handshake keys, while the client, whose handshake is over, reads under
//   the application keys: ssl.transform_out is ssl.transform_application there.
// Neither side sends anything else in between.
void protect_handshake_alerts(mbedtls_ssl_context *ssl);

}  // namespace mbedtls_private
}  // namespace wssl
