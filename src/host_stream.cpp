#include "host_stream.h"

#include "mbedtls/ssl.h"
#include "wasm_ssl.h"

namespace wssl {
namespace {
constexpr int32_t kEpipe = -32;
constexpr int32_t kEio = -5;
constexpr int32_t kLowestErrno = -255;
int32_t clamp(size_t len) { return len > 0x7FFFFFFF ? 0x7FFFFFFF : static_cast<int32_t>(len); }

// What a host import reported, as a count in [0, asked] or a -errno. Anything outside the
// documented results is a broken host: -EIO. Never passed on as is, because any other
// negative would reach mbedtls as one of its own codes (-0x7880 would read as the peer's
// close_notify), and a count above `asked` would have mbedtls use bytes that were never
// written into its buffer.
int32_t checked(int32_t n, int32_t asked) {
  if (n < 0) return n >= kLowestErrno ? n : kEio;
  return n > asked ? kEio : n;
}
}  // namespace

int host_send(void *ctx, const unsigned char *buf, size_t len) {
  int32_t stream = *static_cast<const int32_t *>(ctx);
  int32_t n = wssl_host_stream_write(stream, buf, clamp(len));
  if (n == WSSL_IO_WOULD_BLOCK) return MBEDTLS_ERR_SSL_WANT_WRITE;
  if (n == 0) return kEpipe;  // a stream that takes nothing and does not say "later" is closed
  return checked(n, clamp(len));
}

int host_recv(void *ctx, unsigned char *buf, size_t len) {
  int32_t stream = *static_cast<const int32_t *>(ctx);
  int32_t n = wssl_host_stream_read(stream, buf, clamp(len));
  if (n == WSSL_IO_WOULD_BLOCK) return MBEDTLS_ERR_SSL_WANT_READ;
  return checked(n, clamp(len));  // 0 is end of stream: mbedtls reports MBEDTLS_ERR_SSL_CONN_EOF
}

void host_close(int32_t stream) { wssl_host_stream_write(stream, nullptr, 0); }

}  // namespace wssl
