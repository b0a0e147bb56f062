#include "host_stream.h"

#include "mbedtls/ssl.h"
#include "wasm_ssl.h"

namespace wssl {
namespace {
constexpr int32_t kEpipe = -32;
int32_t clamp(size_t len) { return len > 0x7FFFFFFF ? 0x7FFFFFFF : static_cast<int32_t>(len); }
}  // namespace

int host_send(void *ctx, const unsigned char *buf, size_t len) {
  int32_t stream = *static_cast<const int32_t *>(ctx);
  int32_t n = wssl_host_stream_write(stream, buf, clamp(len));
  if (n == WSSL_IO_WOULD_BLOCK) return MBEDTLS_ERR_SSL_WANT_WRITE;
  if (n == 0) return kEpipe;  // a stream that takes nothing and does not say "later" is closed
  if (n > clamp(len)) return kEpipe;  // a host claiming more than it was given is broken
  return n;
}

int host_recv(void *ctx, unsigned char *buf, size_t len) {
  int32_t stream = *static_cast<const int32_t *>(ctx);
  int32_t n = wssl_host_stream_read(stream, buf, clamp(len));
  if (n == WSSL_IO_WOULD_BLOCK) return MBEDTLS_ERR_SSL_WANT_READ;
  if (n > clamp(len)) return kEpipe;
  return n;  // 0 is end of stream: mbedtls reports MBEDTLS_ERR_SSL_CONN_EOF
}

void host_close(int32_t stream) { wssl_host_stream_write(stream, nullptr, 0); }

}  // namespace wssl
