// The benchmark's host: the engine's two imports over in-memory pipes, with no per-byte work
// (a byte queue per direction, bulk copies only), so that a measurement is the engine's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wssl_bench {

// Bytes written by one end, waiting to be read by the other.
class ByteQueue {
 public:
  int32_t read(uint8_t *buf, int32_t len);
  void write(const uint8_t *buf, int32_t len);
  bool closed = false;

 private:
  std::vector<uint8_t> bytes_;
  size_t start_ = 0;
};

// A pipe between two stream numbers (client end, server end) registered with the host.
struct Pipe {
  Pipe();
  ~Pipe();
  Pipe(const Pipe &) = delete;
  Pipe &operator=(const Pipe &) = delete;
  int32_t client_stream, server_stream;
  ByteQueue to_server, to_client;
};

}  // namespace wssl_bench
