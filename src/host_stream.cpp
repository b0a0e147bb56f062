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

int HostStream::write_to_host(const unsigned char *buf, size_t len) {
  int32_t n = wssl_host_stream_write(stream_, buf, clamp(len));
  if (n == WSSL_IO_WOULD_BLOCK) return MBEDTLS_ERR_SSL_WANT_WRITE;
  if (n == 0) return kEpipe;  // a stream that takes nothing and does not say "later" is closed
  return checked(n, clamp(len));
}

int HostStream::flush() {
  while (flushed_ < gathered_.size()) {
    int n = write_to_host(gathered_.data() + flushed_, gathered_.size() - flushed_);
    if (n < 0) return n;
    flushed_ += static_cast<size_t>(n);
  }
  std::vector<unsigned char>().swap(gathered_);  // an idle connection keeps no flight buffer
  flushed_ = 0;
  return 0;
}

int HostStream::send(void *self, const unsigned char *buf, size_t len) {
  auto *io = static_cast<HostStream *>(self);
  if (io->gathering_) {
    io->gathered_.insert(io->gathered_.end(), buf, buf + len);
    return clamp(len);
  }
  int flushed = io->flush();  // bytes keep their order
  if (flushed != 0) return flushed;
  return io->write_to_host(buf, len);
}

int HostStream::recv(void *self, unsigned char *buf, size_t len) {
  auto *io = static_cast<HostStream *>(self);
  // What was gathered goes out before anything is read: the peer's answer depends on it, and
  // a host that blocks in stream_read would otherwise wait for it forever.
  int flushed = io->flush();
  if (flushed != 0) return flushed;
  int32_t n = wssl_host_stream_read(io->stream_, buf, clamp(len));
  if (n == WSSL_IO_WOULD_BLOCK) return MBEDTLS_ERR_SSL_WANT_READ;
  return checked(n, clamp(len));  // 0 is end of stream: mbedtls reports MBEDTLS_ERR_SSL_CONN_EOF
}

void HostStream::close() { wssl_host_stream_write(stream_, nullptr, 0); }

}  // namespace wssl
