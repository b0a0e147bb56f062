// What the other side learns when one side rejects the peer's certificate, between two engines:
// the rejecting side's fatal alert, readable under the keys the peer reads with at that point
// of the handshake (RFC 8446 for TLS 1.3), so that the peer reports the alert and not a bad
// record.
#include <gtest/gtest.h>

#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

class RejectionAlert : public ::testing::TestWithParam<int32_t> {};

std::string version_name(const ::testing::TestParamInfo<int32_t> &info) {
  return info.param == WSSL_TLS1_3 ? "TLS13" : "TLS12";
}

// The client checks the server's certificate against a name it was not issued for.
TEST_P(RejectionAlert, AServerRejectedByItsClientReadsTheClientsAlert) {
  int32_t ccfg = client_config();
  ASSERT_EQ(0, wssl_config_set_versions(ccfg, GetParam(), GetParam()));
  int32_t scfg = server_config();
  {
    Pair pair(ccfg, scfg, "not-the-server.example");
    pair.handshake();
    EXPECT_STREQ("MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", wssl_error_name(pair.client_result));
    EXPECT_STREQ("MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE", wssl_error_name(pair.server_result));
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

INSTANTIATE_TEST_SUITE_P(Versions, RejectionAlert, ::testing::Values(WSSL_TLS1_2, WSSL_TLS1_3),
                         version_name);

}  // namespace

namespace {

// A TLS 1.3 client has finished its handshake when the server checks its certificate: it
// learns of the rejection from its next read, under the server's application keys (the server
// has sent its Finished). (A TLS 1.2 mbedtls server sends no alert for a missing client
// certificate: that client waits for the connection to close.)
TEST(RejectionAlertTls13, AClientRejectedByItsServerReadsTheServersAlert) {
  int32_t ccfg = client_config();
  ASSERT_EQ(0, wssl_config_set_versions(ccfg, WSSL_TLS1_3, WSSL_TLS1_3));
  int32_t scfg = server_config("server", WSSL_CERT_REQUIRED);
  auto ca = cert_file("ca.crt");
  ASSERT_EQ(1, wssl_config_add_ca(scfg, ca.data(), static_cast<int32_t>(ca.size())));
  {
    Pair pair(ccfg, scfg);
    pair.handshake();
    EXPECT_STREQ("MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE", wssl_error_name(pair.server_result));
    int32_t r = pair.client_result;
    uint8_t buf[16];
    for (int i = 0; i < 50 && (r == 0 || is_want(r)); ++i) r = wssl_read(pair.client.conn, buf, sizeof buf);
    EXPECT_STREQ("MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE", wssl_error_name(r));
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

}  // namespace
