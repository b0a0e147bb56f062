// Pins each question that src/mbedtls_private.h answers from mbedtls' private state, on real
// handshakes between two mbedtls contexts (the engine's own configs) joined in memory. If an
// mbedtls update moves one of those fields, this fails first, and mbedtls_private.cpp is the
// one place to fix.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <vector>

#include "mbedtls_private.h"
#include "support/tls_fixtures.h"
#include "tls_config.h"

using namespace wssl_test;
namespace priv = wssl::mbedtls_private;

namespace {

// One direction of the wire; `room` is how many more bytes the writer may put in.
struct Wire {
  std::deque<unsigned char> bytes;
  size_t room = SIZE_MAX;
};
struct End {
  Wire *in, *out;
};

int send_to_wire(void *ctx, const unsigned char *buf, size_t len) {
  Wire *w = static_cast<End *>(ctx)->out;
  size_t n = std::min(len, w->room);
  if (n == 0) return MBEDTLS_ERR_SSL_WANT_WRITE;
  w->bytes.insert(w->bytes.end(), buf, buf + n);
  if (w->room != SIZE_MAX) w->room -= n;
  return static_cast<int>(n);
}

int receive_from_wire(void *ctx, unsigned char *buf, size_t len) {
  Wire *w = static_cast<End *>(ctx)->in;
  if (w->bytes.empty()) return MBEDTLS_ERR_SSL_WANT_READ;
  size_t n = std::min(len, w->bytes.size());
  std::copy_n(w->bytes.begin(), n, buf);
  w->bytes.erase(w->bytes.begin(), w->bytes.begin() + static_cast<long>(n));
  return static_cast<int>(n);
}

class RawPair : public ::testing::TestWithParam<int32_t> {
 protected:
  void SetUp() override {
    wssl_config_free(wssl_config_new(WSSL_CLIENT));  // the engine's one-time crypto set-up
    client_cfg_.reset(new wssl::TlsConfig(WSSL_CLIENT));
    server_cfg_.reset(new wssl::TlsConfig(WSSL_SERVER));
    auto ca = cert_file("ca.der"), crt = cert_file("server.der"), key = cert_file("server.key.der");
    ASSERT_GT(client_cfg_->add_ca(ca.data(), ca.size()), 0);
    ASSERT_EQ(0, server_cfg_->set_own_cert(crt.data(), crt.size(), key.data(), key.size()));
    for (auto *cfg : {client_cfg_.get(), server_cfg_.get()}) cfg->set_versions(GetParam(), GetParam());
    ASSERT_EQ(0, client_cfg_->snapshot(&client_snap_));
    ASSERT_EQ(0, server_cfg_->snapshot(&server_snap_));
    mbedtls_ssl_init(&client);
    mbedtls_ssl_init(&server);
    ASSERT_EQ(0, mbedtls_ssl_setup(&client, &client_snap_->conf));
    ASSERT_EQ(0, mbedtls_ssl_setup(&server, &server_snap_->conf));
    ASSERT_EQ(0, mbedtls_ssl_set_hostname(&client, "localhost"));
    mbedtls_ssl_set_bio(&client, &client_end_, send_to_wire, receive_from_wire, nullptr);
    mbedtls_ssl_set_bio(&server, &server_end_, send_to_wire, receive_from_wire, nullptr);
  }
  void TearDown() override {
    mbedtls_ssl_free(&client);
    mbedtls_ssl_free(&server);
  }

  // Steps both sides to the end of the handshake (bounded); the client's states, in order.
  std::vector<int> handshake() {
    std::vector<int> states;
    for (int i = 0; i < 1000 && !(mbedtls_ssl_is_handshake_over(&client) &&
                                  mbedtls_ssl_is_handshake_over(&server)); ++i) {
      if (!mbedtls_ssl_is_handshake_over(&client)) {
        states.push_back(priv::handshake_state(client));
        int r = mbedtls_ssl_handshake_step(&client);
        EXPECT_TRUE(r == 0 || r == MBEDTLS_ERR_SSL_WANT_READ) << r;
      }
      if (!mbedtls_ssl_is_handshake_over(&server)) {
        int r = mbedtls_ssl_handshake_step(&server);
        EXPECT_TRUE(r == 0 || r == MBEDTLS_ERR_SSL_WANT_READ) << r;
      }
    }
    EXPECT_TRUE(mbedtls_ssl_is_handshake_over(&client) && mbedtls_ssl_is_handshake_over(&server));
    // A TLS 1.3 server sends its tickets with its first write: one message each way first, so
    // that what follows is one record on an empty wire.
    const unsigned char hello[] = "hello";
    unsigned char got[16];
    EXPECT_EQ(static_cast<int>(sizeof hello), mbedtls_ssl_write(&server, hello, sizeof hello));
    int n = 0;
    for (int i = 0; i < 8 && n <= 0; ++i) n = mbedtls_ssl_read(&client, got, sizeof got);
    EXPECT_EQ(static_cast<int>(sizeof hello), n);
    EXPECT_TRUE(to_client_.bytes.empty());
    return states;
  }

  mbedtls_ssl_context client, server;
  Wire to_server_, to_client_;

 private:
  std::unique_ptr<wssl::TlsConfig> client_cfg_, server_cfg_;
  std::shared_ptr<const wssl::SslConfigSnapshot> client_snap_, server_snap_;
  End client_end_{&to_client_, &to_server_}, server_end_{&to_server_, &to_client_};
};

TEST_P(RawPair, HandshakeStateNamesTheStepsOfAFullHandshake) {
  EXPECT_EQ(MBEDTLS_SSL_HELLO_REQUEST, priv::handshake_state(client));
  std::vector<int> states = handshake();
  // The engine tells a full handshake from a resumed one by this state having come up.
  EXPECT_NE(states.end(), std::find(states.begin(), states.end(), MBEDTLS_SSL_SERVER_CERTIFICATE));
  EXPECT_EQ(MBEDTLS_SSL_HANDSHAKE_OVER, priv::handshake_state(client));
}

TEST_P(RawPair, IncomingBytesHeldCountsAPartRecord) {
  handshake();
  const unsigned char data[] = "a record";
  ASSERT_EQ(static_cast<int>(sizeof data), mbedtls_ssl_write(&server, data, sizeof data));
  std::deque<unsigned char> record;
  record.swap(to_client_.bytes);
  to_client_.bytes.assign(record.begin(), record.begin() + 3);  // part of the header only
  unsigned char got[64];
  EXPECT_EQ(MBEDTLS_ERR_SSL_WANT_READ, mbedtls_ssl_read(&client, got, sizeof got));
  EXPECT_EQ(3u, priv::incoming_bytes_held(client));
  to_client_.bytes.assign(record.begin() + 3, record.end());
  int n = mbedtls_ssl_read(&client, got, sizeof got);
  ASSERT_EQ(static_cast<int>(sizeof data), n);
  EXPECT_EQ(0u, priv::incoming_bytes_held(client));
}

TEST_P(RawPair, OutgoingBytesHeldAndTheRecordNumberAfterAPartWrite) {
  handshake();
  uint64_t before = priv::next_outgoing_record_number(client);
  const unsigned char data[100] = {1, 2, 3};
  to_server_.room = 10;  // the transport takes 10 bytes, then would block
  EXPECT_EQ(MBEDTLS_ERR_SSL_WANT_WRITE, mbedtls_ssl_write(&client, data, sizeof data));
  EXPECT_GT(priv::outgoing_bytes_held(client), 0u);
  EXPECT_EQ(before + 1, priv::next_outgoing_record_number(client));  // encrypted, not yet sent
  to_server_.room = SIZE_MAX;
  EXPECT_EQ(0, priv::flush_output(&client));
  EXPECT_EQ(0u, priv::outgoing_bytes_held(client));
  unsigned char got[128];
  int n = mbedtls_ssl_read(&server, got, sizeof got);
  ASSERT_EQ(static_cast<int>(sizeof data), n);
  EXPECT_TRUE(std::equal(data, data + sizeof data, got));
}

INSTANTIATE_TEST_SUITE_P(Versions, RawPair, ::testing::Values(WSSL_TLS1_2, WSSL_TLS1_3),
                         [](const ::testing::TestParamInfo<int32_t> &info) {
                           return std::string(info.param == WSSL_TLS1_3 ? "TLS13" : "TLS12");
                         });

}  // namespace
