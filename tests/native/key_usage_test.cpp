// Extended key usage on the peer's leaf, when present, must allow the peer's role (serverAuth
// for a server, clientAuth for a client). mbedtls checks this itself after the chain
// (mbedtls_ssl_check_cert_usage, TLS 1.2 and 1.3); these tests hold it to that. The strict
// profile also refuses anyExtendedKeyUsage alone, and says so first.
#include <gtest/gtest.h>

#include <string>

#include "support/tls_fixtures.h"
#include "support/verify_outcome.h"

using namespace wssl_test;

namespace {

const char kWrongEku[] = "Usage does not match the extendedKeyUsage extension";

TEST(ExtendedKeyUsage, AClientCertificateWithoutClientAuthIsRefused) {
  VerifyOutcome o = server_verifies("eku-code-signing", "ca.der", WSSL_VERIFY_COMPAT);
  EXPECT_EQ(-0x7A00, o.result) << wssl_error_name(o.result);  // MBEDTLS_ERR_SSL_BAD_CERTIFICATE
  EXPECT_NE(std::string::npos, o.info.find(kWrongEku)) << o.info;
  VerifyOutcome server_only = server_verifies("server", "ca.der", WSSL_VERIFY_COMPAT);
  EXPECT_NE(std::string::npos, server_only.info.find(kWrongEku)) << server_only.info;
  VerifyOutcome strict = server_verifies("eku-code-signing");
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, strict.result) << wssl_error_name(strict.result);
  EXPECT_NE(std::string::npos, strict.info.find("strict profile: extendedKeyUsage does not name clientAuth"))
      << strict.info;
}

TEST(ExtendedKeyUsage, AnyExtendedKeyUsageAloneIsEnoughOnlyInCompat) {
  EXPECT_EQ(0, client_verifies("eku-any", "localhost", "ca.der", WSSL_CERT_REQUIRED,
                               WSSL_VERIFY_COMPAT).result);
  VerifyOutcome strict = client_verifies("eku-any", "localhost");
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, strict.result) << wssl_error_name(strict.result);
  EXPECT_NE(std::string::npos, strict.info.find("\nstrict profile: extendedKeyUsage does not name "
                                                "serverAuth (CN=localhost); verify_profile='compat' "
                                                "allows it\n"))
      << strict.info;
}

TEST(ExtendedKeyUsage, EitherPurposeListedIsEnough) {
  EXPECT_EQ(0, server_verifies("eku-both").result);
  VerifyOutcome o = client_verifies("eku-both", "localhost");
  EXPECT_EQ(0, o.result) << o.info;
}

}  // namespace
