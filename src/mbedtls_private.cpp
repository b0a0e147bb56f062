#define MBEDTLS_ALLOW_PRIVATE_ACCESS  // the one file that reads mbedtls' private fields
#include "mbedtls_private.h"

#include <cstring>

// library/ssl_misc.h, not in mbedtls' public headers.
extern "C" int mbedtls_ssl_flush_output(mbedtls_ssl_context *ssl);
extern "C" int mbedtls_ssl_fetch_input(mbedtls_ssl_context *ssl, size_t nb_want);

namespace wssl {
namespace mbedtls_private {

int handshake_state(const mbedtls_ssl_context &ssl) { return ssl.state; }

size_t incoming_bytes_held(const mbedtls_ssl_context &ssl) { return ssl.in_left; }

size_t outgoing_bytes_held(const mbedtls_ssl_context &ssl) { return ssl.out_left; }

uint64_t next_outgoing_record_number(const mbedtls_ssl_context &ssl) {
  uint64_t n = 0;
  for (unsigned char byte : ssl.cur_out_ctr) n = (n << 8) | byte;
  return n;
}

int flush_output(mbedtls_ssl_context *ssl) { return mbedtls_ssl_flush_output(ssl); }

int peek_incoming_record(mbedtls_ssl_context *ssl, const uint8_t **record, size_t *len) {
  constexpr size_t kHeader = 5;
  int ret = mbedtls_ssl_fetch_input(ssl, kHeader);
  if (ret != 0) return ret;
  size_t size = kHeader + ((size_t{ssl->in_hdr[3]} << 8) | ssl->in_hdr[4]);
  ret = mbedtls_ssl_fetch_input(ssl, size);
  if (ret != 0) return ret;
  *record = ssl->in_hdr;
  *len = size;
  return 0;
}

namespace {

void use_outbound(mbedtls_ssl_context *ssl, mbedtls_ssl_transform *keys) {
  ssl->transform_out = keys;
  // As mbedtls_ssl_set_outbound_transform does: new keys count records from 0.
  std::memset(ssl->cur_out_ctr, 0, sizeof ssl->cur_out_ctr);
}

}  // namespace

void protect_handshake_alerts(mbedtls_ssl_context *ssl) {
  if (ssl->conf == nullptr || ssl->tls_version != MBEDTLS_SSL_VERSION_TLS1_3) return;
  if (ssl->conf->endpoint == MBEDTLS_SSL_IS_SERVER) {
    switch (ssl->state) {
      case MBEDTLS_SSL_CLIENT_CERTIFICATE:
      case MBEDTLS_SSL_CLIENT_CERTIFICATE_VERIFY:
      case MBEDTLS_SSL_CLIENT_FINISHED:
        // Computed when the server wrote its Finished; mbedtls' wrap-up sets it again.
        if (ssl->transform_application != nullptr && ssl->transform_out != ssl->transform_application)
          use_outbound(ssl, ssl->transform_application);
        break;
      default:
        break;
    }
    return;
  }
  // While the client reads the server's flight, its inbound transform is the handshake one
  // (handshake->transform_handshake, which holds the keys of both directions).
  mbedtls_ssl_transform *handshake_keys = ssl->transform_in;
  if (handshake_keys == nullptr) return;
  switch (ssl->state) {
    case MBEDTLS_SSL_ENCRYPTED_EXTENSIONS:
    case MBEDTLS_SSL_CERTIFICATE_REQUEST:
    case MBEDTLS_SSL_SERVER_CERTIFICATE:
    case MBEDTLS_SSL_CERTIFICATE_VERIFY:
    case MBEDTLS_SSL_SERVER_FINISHED:
      if (ssl->transform_out == nullptr) use_outbound(ssl, handshake_keys);
      break;  // (early-data keys there would be mbedtls' own choice)
    case MBEDTLS_SSL_CLIENT_CCS_AFTER_SERVER_FINISHED:
      if (ssl->transform_out == handshake_keys) use_outbound(ssl, nullptr);
      break;
    default:
      break;
  }
}

}  // namespace mbedtls_private
}  // namespace wssl
