// Application data through the engine: both directions, large transfers, end of stream.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "mbedtls/ssl.h"
#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

class Transfer : public ::testing::TestWithParam<int32_t> {
 protected:
  void SetUp() override {
    ccfg_ = client_config();
    wssl_config_set_versions(ccfg_, WSSL_TLS1_2, GetParam());
    scfg_ = server_config();
  }
  void TearDown() override {
    wssl_config_free(ccfg_);
    wssl_config_free(scfg_);
  }
  int32_t ccfg_ = 0, scfg_ = 0;
};

TEST_P(Transfer, OneMebibyteEachWayArrivesByteForByte) {
  Pair pair(ccfg_, scfg_);
  ASSERT_EQ(0, pair.handshake());
  auto up = random_bytes(1 << 20, 1), down = random_bytes(1 << 20, 2);
  EXPECT_EQ(up, transfer(pair, true, up));
  EXPECT_EQ(down, transfer(pair, false, down));
}

TEST_P(Transfer, CloseNotifyIsEndOfStreamAndClosesTheHostStream) {
  Pair pair(ccfg_, scfg_);
  ASSERT_EQ(0, pair.handshake());
  auto data = random_bytes(100, 3);
  ASSERT_EQ(data, transfer(pair, true, data));
  ASSERT_EQ(0, wssl_close(pair.client.conn));
  EXPECT_EQ(1, pair.client.stream->close_calls);
  uint8_t buf[16];
  EXPECT_EQ(0, wssl_read(pair.server.conn, buf, sizeof buf));
  EXPECT_EQ(0, wssl_read(pair.server.conn, buf, sizeof buf)) << "end of stream stays";
  EXPECT_EQ(1, wssl_close_notify_received(pair.server.conn));
  // The closed handle is stale: use after close and a second close are EBADF.
  EXPECT_EQ(WSSL_EBADF, wssl_read(pair.client.conn, buf, sizeof buf));
  EXPECT_EQ(WSSL_EBADF, wssl_write(pair.client.conn, buf, sizeof buf));
  EXPECT_EQ(WSSL_EBADF, wssl_close(pair.client.conn));
  EXPECT_EQ(1, pair.client.stream->close_calls);
  pair.client.conn = 0;
}

TEST_P(Transfer, TransportEndWithoutCloseNotifyIsEndOfStreamButSaysSo) {
  Pair pair(ccfg_, scfg_);
  ASSERT_EQ(0, pair.handshake());
  pair.client.stream->close();  // the transport ends; no TLS goodbye
  uint8_t buf[16];
  EXPECT_EQ(0, wssl_read(pair.server.conn, buf, sizeof buf));
  EXPECT_EQ(0, wssl_close_notify_received(pair.server.conn));
}

// A stream that, once cut_after(n) is called, lets n more bytes be read and then ends.
class EndsInsideARecord : public HostStream {
 public:
  explicit EndsInsideARecord(std::shared_ptr<HostStream> inner) : inner_(std::move(inner)) {}
  void cut_after(int32_t n) { left_ = n; }
  int32_t read(uint8_t *buf, int32_t len) override {
    if (left_ == 0) return 0;
    int32_t n = inner_->read(buf, left_ < 0 ? len : std::min(len, left_));
    if (n > 0 && left_ > 0) left_ -= n;
    return n;
  }
  int32_t write(const uint8_t *buf, int32_t len) override { return inner_->write(buf, len); }
  void close() override { inner_->close(); }

 private:
  std::shared_ptr<HostStream> inner_;
  int32_t left_ = -1;
};

TEST_P(Transfer, TransportEndInsideARecordIsConnEofNotEndOfStream) {
  // Bytes of a record that never completes were cut off: an error, never a quiet end.
  std::vector<std::shared_ptr<EndsInsideARecord>> shaped;
  Pair pair(ccfg_, scfg_, "localhost", [&](std::shared_ptr<HostStream> inner) {
    shaped.push_back(std::make_shared<EndsInsideARecord>(std::move(inner)));
    return shaped.back();
  });
  ASSERT_EQ(0, pair.handshake());
  auto data = random_bytes(100, 4);
  ASSERT_EQ(100, wssl_write(pair.server.conn, data.data(), 100));
  shaped.front()->cut_after(10);  // the client's stream: 10 bytes into the next record
  uint8_t buf[128];
  int32_t r = wssl_read(pair.client.conn, buf, sizeof buf);
  EXPECT_EQ(WSSL_ERR_CONN_EOF, r) << wssl_error_name(r);
  EXPECT_EQ(WSSL_ERR_CONN_EOF, wssl_read(pair.client.conn, buf, sizeof buf)) << "errors are sticky";
}

// A record header announcing more than any TLS record holds: an invalid record (the peer's
// fault), both in the handshake and after it.
const std::vector<uint8_t> kOversizedRecord = {23, 3, 3, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8};

TEST_P(Transfer, AnOversizedRecordAfterTheHandshakeIsAnInvalidRecord) {
  Pair pair(ccfg_, scfg_);
  ASSERT_EQ(0, pair.handshake());
  pair.server.stream->write(kOversizedRecord.data(), static_cast<int32_t>(kOversizedRecord.size()));
  uint8_t buf[64];
  int32_t r = wssl_read(pair.client.conn, buf, sizeof buf);
  EXPECT_EQ(MBEDTLS_ERR_SSL_INVALID_RECORD, r) << wssl_error_name(r);
  r = wssl_read(pair.server.conn, buf, sizeof buf);  // told with a record_overflow alert
  EXPECT_EQ(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, r) << wssl_error_name(r);
}

TEST_P(Transfer, AnOversizedRecordInTheHandshakeIsAnInvalidRecord) {
  Pair pair(ccfg_, scfg_);
  EXPECT_TRUE(is_want(wssl_handshake(pair.client.conn)));  // ClientHello sent
  pair.server.stream->write(kOversizedRecord.data(), static_cast<int32_t>(kOversizedRecord.size()));
  int32_t r = wssl_handshake(pair.client.conn);
  EXPECT_EQ(MBEDTLS_ERR_SSL_INVALID_RECORD, r) << wssl_error_name(r);
}

TEST_P(Transfer, TransportEndDuringTheHandshakeIsConnEof) {
  Pair pair(ccfg_, scfg_);
  EXPECT_TRUE(is_want(wssl_handshake(pair.client.conn)));
  pair.server.stream->close();
  EXPECT_EQ(WSSL_ERR_CONN_EOF, wssl_handshake(pair.client.conn));
  EXPECT_STREQ("MBEDTLS_ERR_SSL_CONN_EOF", wssl_error_name(WSSL_ERR_CONN_EOF));
  EXPECT_EQ(WSSL_ERR_CONN_EOF, wssl_handshake(pair.client.conn)) << "errors are sticky";
}

TEST(Transfer13, DataBehindSessionTicketsIsReadInOneCall) {
  // A TLS 1.3 server sends its tickets with its first data; all of it is in the client's
  // transport at once, so one read must return the data instead of asking for more input.
  int32_t ccfg = client_config(), scfg = server_config();
  {
    Pair pair(ccfg, scfg);
    ASSERT_EQ(0, pair.handshake());
    const uint8_t data[] = "after the tickets";
    ASSERT_EQ(int32_t(sizeof data), wssl_write(pair.server.conn, data, sizeof data));
    uint8_t buf[64];
    EXPECT_EQ(int32_t(sizeof data), wssl_read(pair.client.conn, buf, sizeof buf));
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

INSTANTIATE_TEST_SUITE_P(Versions, Transfer, ::testing::Values(WSSL_TLS1_2, WSSL_TLS1_3));

// Writes would block while *held is true.
class HeldWrites : public HostStream {
 public:
  HeldWrites(std::shared_ptr<HostStream> inner, const bool *held)
      : inner_(std::move(inner)), held_(held) {}
  int32_t read(uint8_t *buf, int32_t len) override { return inner_->read(buf, len); }
  int32_t write(const uint8_t *buf, int32_t len) override {
    return *held_ ? WSSL_IO_WOULD_BLOCK : inner_->write(buf, len);
  }
  void close() override { inner_->close(); }

 private:
  std::shared_ptr<HostStream> inner_;
  const bool *held_;
};

TEST(Transfer13, ARecordHeldBackByWantWriteIsSentOnceWhenAReadFlushesIt) {
  // A write that returned WANT_WRITE leaves its record encrypted and waiting. Processing the
  // server's session ticket (which comes with its first data) flushes that record; the write
  // repeated with the same bytes, as the ABI asks, must then report them sent, not send them
  // again.
  int32_t ccfg = client_config(), scfg = server_config();
  {
    bool held = false;
    Pair pair(ccfg, scfg, "localhost", [&held](std::shared_ptr<HostStream> inner) {
      return std::make_shared<HeldWrites>(std::move(inner), &held);
    });
    ASSERT_EQ(0, pair.handshake());
    const uint8_t hello[] = "hello";
    ASSERT_EQ(int32_t(sizeof hello), wssl_write(pair.server.conn, hello, sizeof hello));
    auto data = random_bytes(1000, 7);
    held = true;
    ASSERT_EQ(WSSL_WANT_WRITE, wssl_write(pair.client.conn, data.data(), 1000));
    held = false;
    uint8_t buf[2048];
    EXPECT_EQ(int32_t(sizeof hello), wssl_read(pair.client.conn, buf, sizeof buf));
    EXPECT_EQ(1000, wssl_write(pair.client.conn, data.data(), 1000));
    std::vector<uint8_t> got;
    for (int i = 0; i < 100; ++i) {
      int32_t n = wssl_read(pair.server.conn, buf, sizeof buf);
      if (n <= 0) break;
      got.insert(got.end(), buf, buf + n);
    }
    EXPECT_EQ(data, got);
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

// A host stream whose reads fail with a transport errno.
class FailingStream : public HostStream {
 public:
  int32_t read(uint8_t *, int32_t) override { return -104; }
  int32_t write(const uint8_t *, int32_t len) override { return len; }
};

TEST(TransportErrors, AHostErrnoPassesThroughUnchanged) {
  int32_t ccfg = client_config();
  int32_t id = register_stream(std::make_shared<FailingStream>());
  int32_t conn = wssl_conn_new(ccfg, id, "localhost");
  ASSERT_GT(conn, 0);
  EXPECT_EQ(-104, wssl_handshake(conn));
  EXPECT_STREQ("ECONNRESET", wssl_error_name(-104));
  EXPECT_EQ(0, wssl_close(conn));
  unregister_stream(id);
  wssl_config_free(ccfg);
}

}  // namespace
