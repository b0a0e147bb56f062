#include "pipe_host.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "wasm_ssl.h"

namespace wssl_bench {
namespace {

struct End {
  ByteQueue *in, *out;
};

std::unordered_map<int32_t, End> &streams() {
  static std::unordered_map<int32_t, End> table;
  return table;
}

int32_t next_stream = 1;

}  // namespace

int32_t ByteQueue::read(uint8_t *buf, int32_t len) {
  size_t avail = bytes_.size() - start_;
  if (avail == 0) return closed ? 0 : WSSL_IO_WOULD_BLOCK;
  size_t n = std::min(avail, static_cast<size_t>(len));
  std::memcpy(buf, bytes_.data() + start_, n);
  start_ += n;
  if (start_ == bytes_.size()) {
    bytes_.clear();
    start_ = 0;
  }
  return static_cast<int32_t>(n);
}

void ByteQueue::write(const uint8_t *buf, int32_t len) {
  if (start_ > 0 && start_ >= bytes_.size() / 2) {  // reclaim the consumed front
    bytes_.erase(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  bytes_.insert(bytes_.end(), buf, buf + len);
}

Pipe::Pipe() : client_stream(next_stream++), server_stream(next_stream++) {
  streams()[client_stream] = {&to_client, &to_server};
  streams()[server_stream] = {&to_server, &to_client};
}

Pipe::~Pipe() {
  streams().erase(client_stream);
  streams().erase(server_stream);
}

}  // namespace wssl_bench

extern "C" int32_t wssl_host_stream_read(int32_t stream, uint8_t *buf, int32_t len) {
  auto it = wssl_bench::streams().find(stream);
  if (it == wssl_bench::streams().end()) return -9;  // EBADF
  return it->second.in->read(buf, len);
}

extern "C" int32_t wssl_host_stream_write(int32_t stream, const uint8_t *buf, int32_t len) {
  auto it = wssl_bench::streams().find(stream);
  if (it == wssl_bench::streams().end()) return -9;
  if (len == 0) {  // the engine's close
    it->second.out->closed = true;
    return 0;
  }
  it->second.out->write(buf, len);
  return len;
}
