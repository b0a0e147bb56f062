#define MBEDTLS_ALLOW_PRIVATE_ACCESS  // the one file that reads mbedtls' private fields
#include "mbedtls_private.h"

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

}  // namespace mbedtls_private
}  // namespace wssl
