#define MBEDTLS_ALLOW_PRIVATE_ACCESS  // the one file that reads mbedtls' private fields
#include "mbedtls_private.h"

// library/ssl_misc.h, not in mbedtls' public headers.
extern "C" int mbedtls_ssl_flush_output(mbedtls_ssl_context *ssl);

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

}  // namespace mbedtls_private
}  // namespace wssl
