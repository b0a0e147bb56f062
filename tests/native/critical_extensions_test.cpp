// A critical extension nobody processes makes the certificates it is on unusable, and only
// those: the path through it fails, the CA bundle that holds it still loads and anchors the
// other paths.
#include <gtest/gtest.h>

#include <string>

#include "support/tls_fixtures.h"
#include "support/verify_outcome.h"

using namespace wssl_test;

namespace {

const char kReason[] = "\nunknown critical extension 1.3.6.1.4.1.55555.1 in ";

TEST(UnknownCriticalExtension, OnABundledRootLoadsTheBundle) {
  int32_t cfg = wssl_config_new(WSSL_CLIENT);
  auto bundle = cert_file("ca-with-private-critical.pem");
  EXPECT_EQ(2, wssl_config_add_ca(cfg, bundle.data(), static_cast<int32_t>(bundle.size())));
  wssl_config_free(cfg);
}

TEST(UnknownCriticalExtension, OnARootFailsOnlyThePathsThroughIt) {
  VerifyOutcome other = client_verifies("server", "localhost", "ca-with-private-critical.pem");
  EXPECT_EQ(0, other.result) << wssl_error_name(other.result) << other.info;
  VerifyOutcome through = client_verifies("via-private-critical", "localhost",
                                          "ca-with-private-critical.pem");
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, through.result) << wssl_error_name(through.result);
  EXPECT_NE(std::string::npos, through.info.find(std::string(kReason) + "CN=wasm-ssl Private Critical CA"))
      << through.info;
}

TEST(UnknownCriticalExtension, OnALeafIsAVerificationFailureNotAParseError) {
  VerifyOutcome required = client_verifies("private-critical-leaf", "localhost");
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, required.result) << wssl_error_name(required.result);
  EXPECT_NE(std::string::npos, required.info.find(std::string(kReason) + "CN=localhost"))
      << required.info;
  // CERT_OPTIONAL carries on, as for any other failed check, and says why.
  VerifyOutcome optional = client_verifies("private-critical-leaf", "localhost", "ca.der",
                                           WSSL_CERT_OPTIONAL);
  EXPECT_EQ(0, optional.result) << wssl_error_name(optional.result);
  EXPECT_NE(0u, optional.flags & 0x100u) << "BADCERT_OTHER";
}

}  // namespace
