// One connection's end of the host stream: mbedtls' BIO callbacks over the host's two imported
// stream functions.
//
// While a handshake step runs, the records it produces are gathered and handed to the host as
// one write when the engine next needs to read (or returns). mbedtls writes a flight as one
// write per record (ChangeCipherSpec, then Finished, ...); over TCP with Nagle's algorithm on,
// every small write after the first waits for the peer's delayed ACK, about 40 ms a flight.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wssl {

class HostStream {
 public:
  explicit HostStream(int32_t stream) : stream_(stream) {}

  // mbedtls_ssl_send_t / mbedtls_ssl_recv_t; `self` is the HostStream. Would-block becomes
  // WANT_READ/WANT_WRITE; -errno (-1..-255) passes through; any other negative, or a count
  // above what was asked, is a broken host: -EIO.
  static int send(void *self, const unsigned char *buf, size_t len);
  static int recv(void *self, unsigned char *buf, size_t len);

  // While gathering, sends are kept (and reported as taken) until flush().
  void set_gathering(bool on) { gathering_ = on; }
  // Hands the gathered bytes to the host: 0 once all are out, MBEDTLS_ERR_SSL_WANT_WRITE while
  // the host takes no more, or -errno.
  int flush();

  // Tells the host the engine is done with the stream (a zero-length write).
  void close();

 private:
  int write_to_host(const unsigned char *buf, size_t len);

  int32_t stream_;
  bool gathering_ = false;
  std::vector<unsigned char> gathered_;
  size_t flushed_ = 0;  // bytes of gathered_ the host has taken
};

}  // namespace wssl
