// The native test host: implements the engine's two imports (wssl_host_stream_read/write)
// over streams registered by number, as a JS or WASI host would.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <utility>
#include <vector>

namespace wssl_test {

class HostStream {
 public:
  virtual ~HostStream() = default;
  // Same contract as the imports: > 0 bytes, 0 end of stream, -11 would block, < 0 -errno.
  virtual int32_t read(uint8_t *buf, int32_t len) = 0;
  virtual int32_t write(const uint8_t *buf, int32_t len) = 0;
  // The engine's zero-length write: it is done with the stream.
  virtual void close() {}
  int close_calls = 0;
};

// Registers a stream under a new number (what wssl_conn_new takes); unregister when done.
int32_t register_stream(std::shared_ptr<HostStream> stream);
void unregister_stream(int32_t id);

// An in-memory pipe: each end reads what the other wrote. Closing one end is EOF for the
// other once it has read everything.
struct PipeEnds {
  std::shared_ptr<HostStream> a, b;
};
PipeEnds make_pipe();

// Fault shapes layered over another stream.
std::shared_ptr<HostStream> would_block_every_other_call(std::shared_ptr<HostStream> inner);
std::shared_ptr<HostStream> one_byte_at_a_time(std::shared_ptr<HostStream> inner);

// A connected TCP socket, switched to non-blocking mode.
std::shared_ptr<HostStream> tcp_stream(int fd);

}  // namespace wssl_test
