#include "recording_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include "wasm_ssl.h"

namespace wssl_fuzz {
namespace {
int g_fd = -1;
std::vector<uint8_t> g_recorded;
}  // namespace

void record_socket(int fd) {
  g_fd = fd;
  g_recorded.clear();
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

const std::vector<uint8_t> &recorded_bytes() { return g_recorded; }

bool wait_for_socket(int32_t want, int timeout_ms) {
  pollfd p{g_fd, static_cast<short>(want == WSSL_WANT_WRITE ? POLLOUT : POLLIN), 0};
  return poll(&p, 1, timeout_ms) == 1;
}

}  // namespace wssl_fuzz

extern "C" int32_t wssl_host_stream_read(int32_t stream, uint8_t *buf, int32_t len) {
  if (stream != wssl_fuzz::kRecordedStream) return -EBADF;
  ssize_t n = recv(wssl_fuzz::g_fd, buf, static_cast<size_t>(len), 0);
  if (n > 0) wssl_fuzz::g_recorded.insert(wssl_fuzz::g_recorded.end(), buf, buf + n);
  if (n >= 0) return static_cast<int32_t>(n);
  return errno == EAGAIN || errno == EWOULDBLOCK ? WSSL_IO_WOULD_BLOCK : -errno;
}

extern "C" int32_t wssl_host_stream_write(int32_t stream, const uint8_t *buf, int32_t len) {
  if (stream != wssl_fuzz::kRecordedStream) return len == 0 ? 0 : -EBADF;
  if (len == 0) return shutdown(wssl_fuzz::g_fd, SHUT_WR), 0;
  ssize_t n = send(wssl_fuzz::g_fd, buf, static_cast<size_t>(len), MSG_NOSIGNAL);
  if (n >= 0) return static_cast<int32_t>(n);
  return errno == EAGAIN || errno == EWOULDBLOCK ? WSSL_IO_WOULD_BLOCK : -errno;
}
