// Everything the engine reads of mbedtls' private state, in one place. mbedtls 3.6 has no public
// call for these questions; each is answered here (or in mbedtls_private.cpp) from a private field
// or a library-internal function, and tests/native/mbedtls_private_test.cpp (TLS, against a real
// handshake) and mbedtls_private_x509_test.cpp (certificates) pin each, so an mbedtls update that
// moves one fails there first and is fixed here only.
#pragma once

#include <cstddef>
#include <cstdint>

#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"

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

// ---- certificates (x509) ----
// Inline, reading through MBEDTLS_PRIVATE as mbedtls' own inline accessors do: each is a load
// where it is used, as the direct field reads were (a call would cost module bytes).

// Whether the certificate carries extension ext_type (MBEDTLS_X509_EXT_...): crt.ext_types.
inline bool has_extension(const mbedtls_x509_crt &crt, int ext_type) {
  return (crt.MBEDTLS_PRIVATE(ext_types) & ext_type) != 0;
}

// Whether basicConstraints says cA=TRUE: crt.ca_istrue.
inline bool is_ca(const mbedtls_x509_crt &crt) { return crt.MBEDTLS_PRIVATE(ca_istrue) != 0; }

// The keyUsage bits (MBEDTLS_X509_KU_...), 0 without the extension: crt.key_usage.
inline unsigned key_usage(const mbedtls_x509_crt &crt) { return crt.MBEDTLS_PRIVATE(key_usage); }

// The issuer's signature on the certificate, in the parts mbedtls_pk_verify_ext takes:
// crt.sig_md, crt.sig_pk, crt.sig_opts, crt.sig.
inline mbedtls_md_type_t signature_md(const mbedtls_x509_crt &crt) {
  return crt.MBEDTLS_PRIVATE(sig_md);
}
inline mbedtls_pk_type_t signature_pk(const mbedtls_x509_crt &crt) {
  return crt.MBEDTLS_PRIVATE(sig_pk);
}
inline const void *signature_options(const mbedtls_x509_crt &crt) {
  return crt.MBEDTLS_PRIVATE(sig_opts);
}
inline const mbedtls_x509_buf &signature_value(const mbedtls_x509_crt &crt) {
  return crt.MBEDTLS_PRIVATE(sig);
}

// Whether this attribute and the next form one multi-valued RDN: name.next_merged.
inline bool merged_with_next(const mbedtls_x509_name &name) {
  return name.MBEDTLS_PRIVATE(next_merged) != 0;
}

}  // namespace mbedtls_private
}  // namespace wssl
