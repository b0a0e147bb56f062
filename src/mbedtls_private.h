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

}  // namespace mbedtls_private
}  // namespace wssl
