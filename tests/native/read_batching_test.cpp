// One wssl_read takes every record that has already arrived, up to the caller's length (one trip
// from the host into wasm instead of one per record), and whatever ends the stream
// after that data is reported by the next call, not lost and not merged into it.
#include <gtest/gtest.h>

#include <vector>

#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

struct Connected {
  explicit Connected(int32_t max_version) : ccfg(client_config()), scfg(server_config()) {
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max_version);
    pair = std::make_unique<Pair>(ccfg, scfg);
  }
  ~Connected() {
    pair.reset();
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
  // Writes all of data from the client (several records) without the server reading.
  void send(const std::vector<uint8_t> &data) {
    for (size_t off = 0; off < data.size();) {
      int32_t n = wssl_write(pair->client.conn, data.data() + off, static_cast<int32_t>(data.size() - off));
      ASSERT_GT(n, 0) << wssl_error_name(n);
      off += static_cast<size_t>(n);
    }
  }
  int32_t ccfg, scfg;
  std::unique_ptr<Pair> pair;
};

class ReadBatching : public ::testing::TestWithParam<int32_t> {};

TEST_P(ReadBatching, ARecordsWorthOfWritesComesBackInOneRead) {
  Connected c(GetParam());
  ASSERT_EQ(0, c.pair->handshake());
  // 16 KiB is two records in TLS 1.3 (16,383 + 1 bytes); then three small writes.
  auto data = random_bytes(16384, 7), small = random_bytes(30, 8);
  c.send(data);
  for (int i = 0; i < 3; ++i) c.send({small.begin() + 10 * i, small.begin() + 10 * i + 10});
  std::vector<uint8_t> got(16384 + 30 + 100);
  int32_t n = wssl_read(c.pair->server.conn, got.data(), static_cast<int32_t>(got.size()));
  ASSERT_EQ(16384 + 30, n) << wssl_error_name(n);
  got.resize(static_cast<size_t>(n));
  data.insert(data.end(), small.begin(), small.end());
  EXPECT_EQ(data, got);
  EXPECT_EQ(WSSL_WANT_READ, wssl_read(c.pair->server.conn, got.data(), 1));
}

TEST_P(ReadBatching, NeverMoreThanAskedAndTheRestStaysReadable) {
  Connected c(GetParam());
  ASSERT_EQ(0, c.pair->handshake());
  auto data = random_bytes(20000, 9);
  c.send(data);
  std::vector<uint8_t> got(20000);
  int32_t first = wssl_read(c.pair->server.conn, got.data(), 5000);
  ASSERT_EQ(5000, first);
  int32_t second = wssl_read(c.pair->server.conn, got.data() + 5000, 15000);
  ASSERT_EQ(15000, second) << wssl_error_name(second);
  EXPECT_EQ(data, got);
}

TEST_P(ReadBatching, CloseNotifyAfterDataIsTheNextReadsEndOfStream) {
  Connected c(GetParam());
  ASSERT_EQ(0, c.pair->handshake());
  auto data = random_bytes(100, 10);
  c.send(data);
  ASSERT_EQ(0, wssl_close(c.pair->client.conn));
  c.pair->client.conn = 0;
  uint8_t buf[256];
  ASSERT_EQ(100, wssl_read(c.pair->server.conn, buf, sizeof buf));
  EXPECT_EQ(std::vector<uint8_t>(buf, buf + 100), data);
  EXPECT_EQ(0, wssl_read(c.pair->server.conn, buf, sizeof buf));
  EXPECT_EQ(1, wssl_close_notify_received(c.pair->server.conn));
}

INSTANTIATE_TEST_SUITE_P(Versions, ReadBatching, ::testing::Values(WSSL_TLS1_2, WSSL_TLS1_3),
                         [](const auto &info) { return info.param == WSSL_TLS1_3 ? "TLS13" : "TLS12"; });

}  // namespace
