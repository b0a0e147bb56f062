#include "host_streams.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "wasm_ssl.h"

namespace wssl_test {
namespace {

std::map<int32_t, std::shared_ptr<HostStream>> &registry() {
  static std::map<int32_t, std::shared_ptr<HostStream>> streams;
  return streams;
}

struct PipeBuffer {
  std::deque<uint8_t> bytes;
  bool closed = false;
};

class PipeEnd : public HostStream {
 public:
  PipeEnd(std::shared_ptr<PipeBuffer> in, std::shared_ptr<PipeBuffer> out)
      : in_(std::move(in)), out_(std::move(out)) {}
  int32_t read(uint8_t *buf, int32_t len) override {
    if (in_->bytes.empty()) return in_->closed ? 0 : WSSL_IO_WOULD_BLOCK;
    int32_t n = std::min<int32_t>(len, static_cast<int32_t>(in_->bytes.size()));
    std::copy_n(in_->bytes.begin(), n, buf);
    in_->bytes.erase(in_->bytes.begin(), in_->bytes.begin() + n);
    return n;
  }
  int32_t write(const uint8_t *buf, int32_t len) override {
    if (out_->closed) return -EPIPE;
    out_->bytes.insert(out_->bytes.end(), buf, buf + len);
    return len;
  }
  void close() override { out_->closed = true; }

 private:
  std::shared_ptr<PipeBuffer> in_, out_;
};

class WouldBlockEveryOtherCall : public HostStream {
 public:
  explicit WouldBlockEveryOtherCall(std::shared_ptr<HostStream> inner) : inner_(std::move(inner)) {}
  int32_t read(uint8_t *buf, int32_t len) override {
    if ((reads_++ & 1) == 0) return WSSL_IO_WOULD_BLOCK;
    return inner_->read(buf, len);
  }
  int32_t write(const uint8_t *buf, int32_t len) override {
    if ((writes_++ & 1) == 0) return WSSL_IO_WOULD_BLOCK;
    return inner_->write(buf, len);
  }
  void close() override { inner_->close(); }

 private:
  std::shared_ptr<HostStream> inner_;
  unsigned reads_ = 0, writes_ = 0;
};

class OneByteAtATime : public HostStream {
 public:
  explicit OneByteAtATime(std::shared_ptr<HostStream> inner) : inner_(std::move(inner)) {}
  int32_t read(uint8_t *buf, int32_t len) override { return inner_->read(buf, len > 0 ? 1 : 0); }
  int32_t write(const uint8_t *buf, int32_t len) override {
    return inner_->write(buf, len > 0 ? 1 : 0);
  }
  void close() override { inner_->close(); }

 private:
  std::shared_ptr<HostStream> inner_;
};

class TcpStream : public HostStream {
 public:
  explicit TcpStream(int fd) : fd_(fd) { fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK); }
  ~TcpStream() override {
    if (fd_ >= 0) ::close(fd_);
  }
  int32_t read(uint8_t *buf, int32_t len) override {
    ssize_t n = ::recv(fd_, buf, static_cast<size_t>(len), 0);
    if (n >= 0) return static_cast<int32_t>(n);
    return (errno == EAGAIN || errno == EWOULDBLOCK) ? WSSL_IO_WOULD_BLOCK : -errno;
  }
  int32_t write(const uint8_t *buf, int32_t len) override {
    ssize_t n = ::send(fd_, buf, static_cast<size_t>(len), MSG_NOSIGNAL);
    if (n >= 0) return static_cast<int32_t>(n);
    return (errno == EAGAIN || errno == EWOULDBLOCK) ? WSSL_IO_WOULD_BLOCK : -errno;
  }
  void close() override { ::shutdown(fd_, SHUT_WR); }

 private:
  int fd_;
};

}  // namespace

int32_t register_stream(std::shared_ptr<HostStream> stream) {
  static int32_t next = 100;
  registry()[next] = std::move(stream);
  return next++;
}

void unregister_stream(int32_t id) { registry().erase(id); }

PipeEnds make_pipe() {
  auto ab = std::make_shared<PipeBuffer>(), ba = std::make_shared<PipeBuffer>();
  return {std::make_shared<PipeEnd>(ba, ab), std::make_shared<PipeEnd>(ab, ba)};
}

std::shared_ptr<HostStream> would_block_every_other_call(std::shared_ptr<HostStream> inner) {
  return std::make_shared<WouldBlockEveryOtherCall>(std::move(inner));
}

std::shared_ptr<HostStream> one_byte_at_a_time(std::shared_ptr<HostStream> inner) {
  return std::make_shared<OneByteAtATime>(std::move(inner));
}

std::shared_ptr<HostStream> tcp_stream(int fd) { return std::make_shared<TcpStream>(fd); }

}  // namespace wssl_test

// The engine's imports, served from the registry.
extern "C" int32_t wssl_host_stream_read(int32_t stream, uint8_t *buf, int32_t len) {
  auto it = wssl_test::registry().find(stream);
  if (it == wssl_test::registry().end()) return -EBADF;
  return it->second->read(buf, len);
}

extern "C" int32_t wssl_host_stream_write(int32_t stream, const uint8_t *buf, int32_t len) {
  auto it = wssl_test::registry().find(stream);
  if (it == wssl_test::registry().end()) return -EBADF;
  if (len == 0) {
    it->second->close_calls++;
    it->second->close();
    return 0;
  }
  return it->second->write(buf, len);
}
