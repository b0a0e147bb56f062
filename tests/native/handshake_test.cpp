// Handshakes between two engines over an in-memory pipe, in both protocol versions and over
// awkward transports.
#include <gtest/gtest.h>

#include <cstring>

#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

struct VersionCase {
  int32_t max_version;
  const char *expected;
};

class HandshakeVersion : public ::testing::TestWithParam<VersionCase> {};

TEST_P(HandshakeVersion, CompletesVerifiedAndReportsTheNegotiatedParameters) {
  int32_t ccfg = client_config();
  ASSERT_EQ(0, wssl_config_set_versions(ccfg, WSSL_TLS1_2, GetParam().max_version));
  int32_t scfg = server_config();
  Pair pair(ccfg, scfg);
  ASSERT_EQ(0, pair.handshake());
  EXPECT_STREQ(GetParam().expected, wssl_version(pair.client.conn));
  EXPECT_STREQ(GetParam().expected, wssl_version(pair.server.conn));
  EXPECT_STREQ(wssl_cipher(pair.client.conn), wssl_cipher(pair.server.conn));
  EXPECT_EQ(0u, wssl_verify_flags(pair.client.conn));
  EXPECT_STREQ("", wssl_verify_info(pair.client.conn, "\n"));
  auto der = cert_file("server.der");
  ASSERT_EQ(static_cast<int32_t>(der.size()), wssl_peer_cert_len(pair.client.conn));
  EXPECT_EQ(0, std::memcmp(der.data(), wssl_peer_cert_der(pair.client.conn), der.size()));
  std::string json = wssl_peer_cert_json(pair.client.conn);
  EXPECT_NE(std::string::npos, json.find("\"subject\":\"CN=localhost\"")) << json;
  EXPECT_NE(std::string::npos, json.find("\"issuer\":\"CN=wasm-ssl Test CA\"")) << json;
  EXPECT_NE(std::string::npos, json.find("\"subject_alt_names\":[\"localhost\",\"127.0.0.1\",\"0:0:0:0:0:0:0:1\"]")) << json;
  EXPECT_EQ(1, wssl_handshake_done(pair.client.conn));
  EXPECT_EQ(0, wssl_session_resumed(pair.client.conn));
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

INSTANTIATE_TEST_SUITE_P(Versions, HandshakeVersion,
                         ::testing::Values(VersionCase{WSSL_TLS1_3, "TLSv1.3"},
                                           VersionCase{WSSL_TLS1_2, "TLSv1.2"}));

TEST(Handshake, RsaCertificateInBothVersions) {
  for (int32_t max : {WSSL_TLS1_2, WSSL_TLS1_3}) {
    int32_t ccfg = client_config();
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    int32_t scfg = server_config("server-rsa");
    Pair pair(ccfg, scfg);
    EXPECT_EQ(0, pair.handshake()) << wssl_error_name(pair.handshake());
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

TEST(Handshake, ProgressesThroughATransportThatWouldBlockEveryOtherCall) {
  int32_t ccfg = client_config(), scfg = server_config();
  Pair pair(ccfg, scfg, "localhost", would_block_every_other_call);
  ASSERT_EQ(0, pair.handshake());
  EXPECT_GT(pair.want_results, 10);
  auto data = random_bytes(50000, 7);
  EXPECT_EQ(data, transfer(pair, true, data));
  EXPECT_EQ(data, transfer(pair, false, data));
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

TEST(Handshake, ProgressesThroughATransportThatMovesOneByteAtATime) {
  for (int32_t max : {WSSL_TLS1_2, WSSL_TLS1_3}) {
    int32_t ccfg = client_config(), scfg = server_config();
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    Pair pair(ccfg, scfg, "localhost", one_byte_at_a_time);
    ASSERT_EQ(0, pair.handshake());
    auto data = random_bytes(3000, 8);
    EXPECT_EQ(data, transfer(pair, true, data));
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

TEST(Handshake, DeferredHandshakeIsDrivenByTheFirstWriteAndRead) {
  int32_t ccfg = client_config(), scfg = server_config();
  Pair pair(ccfg, scfg);
  const uint8_t hello[] = "hello, deferred";
  uint8_t buf[64];
  int32_t written = WSSL_WANT_READ, got = WSSL_WANT_READ;
  for (int i = 0; i < 1000 && (written <= 0 || got <= 0); ++i) {
    if (written <= 0) {
      written = wssl_write(pair.client.conn, hello, sizeof hello);
      ASSERT_TRUE(written > 0 || is_want(written)) << wssl_error_name(written);
    }
    if (got <= 0) {
      got = wssl_read(pair.server.conn, buf, sizeof buf);
      ASSERT_TRUE(got > 0 || is_want(got)) << wssl_error_name(got);
    }
  }
  ASSERT_EQ(static_cast<int32_t>(sizeof hello), got);
  EXPECT_EQ(0, std::memcmp(hello, buf, sizeof hello));
  EXPECT_EQ(1, wssl_handshake_done(pair.client.conn));
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

TEST(Handshake, ClientCertificateRequestedAndVerifiedByTheServer) {
  for (int32_t max : {WSSL_TLS1_2, WSSL_TLS1_3}) {
    int32_t ccfg = client_config();
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    set_own_cert(ccfg, "client");
    int32_t scfg = server_config("server", WSSL_CERT_REQUIRED);
    auto ca = cert_file("ca.crt");
    ASSERT_EQ(1, wssl_config_add_ca(scfg, ca.data(), static_cast<int32_t>(ca.size())));
    Pair pair(ccfg, scfg);
    ASSERT_EQ(0, pair.handshake());
    auto der = cert_file("client.der");
    ASSERT_EQ(static_cast<int32_t>(der.size()), wssl_peer_cert_len(pair.server.conn));
    EXPECT_EQ(0, std::memcmp(der.data(), wssl_peer_cert_der(pair.server.conn), der.size()));
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

TEST(Handshake, ServerRequiringAClientCertificateRejectsAClientWithout) {
  for (int32_t max : {WSSL_TLS1_2, WSSL_TLS1_3}) {
    int32_t ccfg = client_config();
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    int32_t scfg = server_config("server", WSSL_CERT_REQUIRED);
    auto ca = cert_file("ca.crt");
    wssl_config_add_ca(scfg, ca.data(), static_cast<int32_t>(ca.size()));
    Pair pair(ccfg, scfg);
    pair.handshake();
    EXPECT_STREQ("MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE", wssl_error_name(pair.server_result))
        << "TLS max " << std::hex << max;
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

}  // namespace
