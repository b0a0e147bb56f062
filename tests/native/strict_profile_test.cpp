// The strict verification profile (the C ABI's default): each rule refuses one certificate
// that the compat profile (MicroPython's) accepts, and its wssl_verify_info line names the
// rule and how to relax it.
#include <gtest/gtest.h>

#include <string>

#include "support/tls_fixtures.h"
#include "support/verify_outcome.h"

using namespace wssl_test;

namespace {

struct StrictCase {
  const char *served;
  const char *rule;     // the text after "strict profile: "
  bool compat_accepts;  // false where mbedtls itself refuses it too
};

class StrictProfile : public ::testing::TestWithParam<StrictCase> {};

TEST_P(StrictProfile, RefusesNamingTheRule) {
  const StrictCase &c = GetParam();
  VerifyOutcome strict = client_verifies(c.served, "localhost");
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, strict.result) << wssl_error_name(strict.result);
  EXPECT_NE(std::string::npos, strict.info.find(std::string("\nstrict profile: ") + c.rule))
      << strict.info;
  EXPECT_NE(std::string::npos, strict.info.find("; verify_profile='compat' allows it\n"))
      << strict.info;
  VerifyOutcome compat = client_verifies(c.served, "localhost", "ca.der", WSSL_CERT_REQUIRED,
                                         WSSL_VERIFY_COMPAT);
  EXPECT_EQ(c.compat_accepts, compat.result == 0) << compat.info;
  EXPECT_EQ(std::string::npos, compat.info.find("strict profile")) << compat.info;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, StrictProfile,
    ::testing::Values(
        StrictCase{"strict-v1", "an X.509 v1 certificate", true},
        StrictCase{"strict-serial-zero", "the serial number is zero", true},
        StrictCase{"strict-serial-long", "the serial number is zero or longer than 20 bytes", true},
        StrictCase{"strict-leaf-ca", "the peer's certificate is a CA (cA=TRUE)", true},
        StrictCase{"strict-leaf-keycertsign", "the peer's certificate may sign certificates", true},
        StrictCase{"strict-rsa-1024", "an RSA key shorter than 2048 bits", false},
        StrictCase{"strict-no-aki", "no authorityKeyIdentifier (CN=localhost)", true},
        StrictCase{"strict-cn-not-in-san", "the subject CN is not one of the subjectAltName", true},
        StrictCase{"strict-bad-dns-san", "a subjectAltName DNS name is not a valid host name", true},
        StrictCase{"strict-via-bc-noncritical-chain",
                   "a CA without a critical basicConstraints (CN=wasm-ssl Non-critical BC", true},
        StrictCase{"strict-via-no-ski-chain",
                   "a CA without a subjectKeyIdentifier (CN=wasm-ssl No SKI Intermediate)", true},
        StrictCase{"wrong-host-cn-only", "a server certificate needs a subjectAltName", false}));

TEST(StrictProfile, TheProjectsOwnTestCertificatesPass) {
  for (const char *served : {"server", "server-rsa", "chained-rsa-chain", "ip-only", "wildcard",
                             "eku-both", "nc-ok-chain", "nc-crit-ok-chain"}) {
    const char *host = std::string(served) == "wildcard"  ? "www.example.com"
                       : std::string(served).find("nc-") == 0 ? "www.allowed.test"
                       : std::string(served) == "ip-only"     ? "127.0.0.1"
                                                              : "localhost";
    VerifyOutcome o = client_verifies(served, host,
                                      std::string(served) == "chained-rsa-chain"
                                          ? "rsa-ca.der" : "ca.der");
    EXPECT_EQ(0, o.result) << served << ": " << o.info;
  }
  EXPECT_EQ(0, server_verifies("client").result);
}

TEST(VerifyProfileSetter, RefusesUnknownProfiles) {
  int32_t cfg = wssl_config_new(WSSL_CLIENT);
  EXPECT_EQ(WSSL_EINVAL, wssl_config_set_verify_profile(cfg, 2));
  EXPECT_EQ(WSSL_EINVAL, wssl_config_set_verify_profile(cfg, -1));
  EXPECT_EQ(0, wssl_config_set_verify_profile(cfg, WSSL_VERIFY_COMPAT));
  EXPECT_EQ(WSSL_EBADF, wssl_config_set_verify_profile(12345, WSSL_VERIFY_STRICT));
  wssl_config_free(cfg);
}

}  // namespace
