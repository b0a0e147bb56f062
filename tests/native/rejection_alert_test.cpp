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
