// Name constraints of a CA (RFC 5280 4.2.1.10), critical or not, on every name of the
// certificates below it: dNSName, iPAddress (v4, v6), directoryName, rfc822Name, and a leaf's
// CN where it serves as the host name.
#include <gtest/gtest.h>

#include <string>

#include "support/tls_fixtures.h"
#include "support/verify_outcome.h"

using namespace wssl_test;

namespace {

struct ConstraintCase {
  const char *served;  // NAME-chain: the leaf and its name-constrained intermediate
  const char *hostname;
  const char *refusal;  // "" when the name is allowed; else part of the reason
};

class NameConstraintsOnServers : public ::testing::TestWithParam<ConstraintCase> {};

TEST_P(NameConstraintsOnServers, ApplyToEveryName) {
  const ConstraintCase &c = GetParam();
  VerifyOutcome o = client_verifies(std::string(c.served) + "-chain", c.hostname);
  if (*c.refusal == '\0') {
    EXPECT_EQ(0, o.result) << wssl_error_name(o.result) << o.info;
    return;
  }
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, o.result) << wssl_error_name(o.result);
  EXPECT_NE(std::string::npos, o.info.find(std::string("\nname constraints: ") + c.refusal)) << o.info;
}

INSTANTIATE_TEST_SUITE_P(
    Constraints, NameConstraintsOnServers,
    ::testing::Values(
        ConstraintCase{"nc-ok", "www.allowed.test", ""},
        ConstraintCase{"nc-ok", "allowed.test", ""},
        ConstraintCase{"nc-bad", "localhost",
                       "subjectAltName DNS name \"localhost\" is outside the permitted names"},
        ConstraintCase{"nc-cn-only", "localhost",
                       "subject CN DNS name \"localhost\" is outside the permitted names"},
        ConstraintCase{"nc-crit-ok", "www.allowed.test", ""},
        ConstraintCase{"nc-crit-ok", "127.0.0.1", ""},
        ConstraintCase{"nc-crit-bad-ip", "www.allowed.test",
                       "subjectAltName IP address \"10.0.0.1\" is outside the permitted names"},
        ConstraintCase{"nc-ex-ok", "localhost", ""},
        ConstraintCase{"nc-ex-bad", "www.evil.test",
                       "subjectAltName DNS name \"www.evil.test\" is within the excluded names"},
        ConstraintCase{"nc-ex-v6", "localhost",
                       "subjectAltName IP address \"0000:0000:0000:0000:0000:0000:0000:0001\" is "
                       "within the excluded names"},
        ConstraintCase{"nc-dir-ok", "localhost", ""},
        ConstraintCase{"nc-dir-bad", "localhost",
                       "subject directory name is outside the permitted names"}));

TEST(NameConstraintsOnClients, EmailAddressesOfAClientCertificate) {
  VerifyOutcome ok = server_verifies("nc-mail-ok-client-chain");
  EXPECT_EQ(0, ok.result) << wssl_error_name(ok.result) << ok.info;
  VerifyOutcome bad = server_verifies("nc-mail-bad-client-chain");
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, bad.result) << wssl_error_name(bad.result);
  EXPECT_NE(std::string::npos,
            bad.info.find("subjectAltName email address \"me@evil.test\" is outside the permitted"))
      << bad.info;
}

TEST(NameConstraintsOnServers, OptionalReportsTheViolationAndConnects) {
  VerifyOutcome o = client_verifies("nc-bad-chain", "localhost", "ca.der", WSSL_CERT_OPTIONAL);
  EXPECT_EQ(0, o.result) << wssl_error_name(o.result);
  EXPECT_NE(0u, o.flags);
  EXPECT_NE(std::string::npos, o.info.find("outside the permitted names")) << o.info;
}

}  // namespace
