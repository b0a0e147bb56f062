// Certificate verification exactly as MicroPython's mbedtls port does it: CERT_NONE skips,
// CERT_OPTIONAL verifies and carries on, CERT_REQUIRED fails with mbedtls' reason.
#include <gtest/gtest.h>

#include <string>

#include "support/tls_fixtures.h"
#include "support/verify_outcome.h"

using namespace wssl_test;

namespace {

// The client's view of one handshake against `server_cert` (support/verify_outcome.h).
VerifyOutcome connect_to(const std::string &server_cert, int32_t cert_reqs,
                         const char *hostname = "localhost", const std::string &cadata = "ca.der") {
  return client_verifies(server_cert, hostname, cadata, cert_reqs);
}

struct BadCase {
  const char *cert;
  const char *hostname;
  const char *reason;  // mbedtls verify-info text
};

class RequiredRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(RequiredRejects, WithMbedtlsReason) {
  VerifyOutcome o = connect_to(GetParam().cert, WSSL_CERT_REQUIRED, GetParam().hostname);
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, o.result) << wssl_error_name(o.result);
  EXPECT_NE(std::string::npos, o.info.find(std::string("\n") + GetParam().reason + "\n")) << o.info;
}

INSTANTIATE_TEST_SUITE_P(
    BadCertificates, RequiredRejects,
    ::testing::Values(
        BadCase{"server", "wrong.example",
                "The certificate Common Name (CN) does not match with the expected CN"},
        BadCase{"expired", "localhost", "The certificate validity has expired"},
        BadCase{"untrusted", "localhost", "The certificate is not correctly signed by the trusted CA"}));

TEST(RequiredRejects, ThePresentedCertificateIsStillDescribedForTheError) {
  int32_t ccfg = client_config(), scfg = server_config("expired");
  {
    Pair pair(ccfg, scfg);
    ASSERT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, pair.handshake());
    const char *json = wssl_peer_cert_json(pair.client.conn);
    ASSERT_NE(nullptr, json) << "mbedtls dropped the chain; the engine keeps its summary";
    EXPECT_NE(std::string::npos, std::string(json).find("\"not_after\":\"2021-01-01T00:00:00Z\"")) << json;
    EXPECT_EQ(0, wssl_peer_cert_len(pair.client.conn));
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

TEST(CertReqs, NoneConnectsToAnUntrustedExpiredServerWithoutVerifying) {
  VerifyOutcome o = connect_to("expired", WSSL_CERT_NONE, "wrong.example", "");
  EXPECT_EQ(0, o.result);
  EXPECT_EQ(static_cast<uint32_t>(0x80), o.flags);
}

TEST(CertReqs, OptionalConnectsAndReportsTheResult) {
  VerifyOutcome o = connect_to("untrusted", WSSL_CERT_OPTIONAL);
  EXPECT_EQ(0, o.result);
  EXPECT_NE(0u, o.flags & 0x08u) << "NOT_TRUSTED";
  EXPECT_NE(std::string::npos, o.info.find("not correctly signed")) << o.info;
  VerifyOutcome good = connect_to("server", WSSL_CERT_OPTIONAL);
  EXPECT_EQ(0, good.result);
  EXPECT_EQ(0u, good.flags);
}

TEST(CertReqs, RequiredClientWithoutHostnameIsRefusedUpFront) {
  int32_t ccfg = client_config();
  EXPECT_EQ(WSSL_ERR_HOSTNAME_REQUIRED, wssl_conn_new(ccfg, 1, nullptr));
  EXPECT_STREQ("WSSL_ERR_HOSTNAME_REQUIRED", wssl_error_name(WSSL_ERR_HOSTNAME_REQUIRED));
  wssl_config_set_verify_mode(ccfg, WSSL_CERT_NONE);
  int32_t conn = wssl_conn_new(ccfg, 1, nullptr);
  EXPECT_GT(conn, 0);
  wssl_close(conn);
  wssl_config_free(ccfg);
}

TEST(CertReqs, ConfigDefaultsFollowTlsSslContext) {
  int32_t c = wssl_config_new(WSSL_CLIENT), s = wssl_config_new(WSSL_SERVER);
  EXPECT_EQ(WSSL_CERT_REQUIRED, wssl_config_get_verify_mode(c));
  EXPECT_EQ(WSSL_CERT_NONE, wssl_config_get_verify_mode(s));
  EXPECT_EQ(WSSL_EINVAL, wssl_config_set_verify_mode(c, 3));
  wssl_config_free(c);
  wssl_config_free(s);
}

TEST(Cadata, EveryFormIsAccepted) {
  struct Form { const char *file; int32_t count; };
  for (Form f : {Form{"ca.der", 1}, Form{"ca.crt", 1}, Form{"ca-bundle.der", 2},
                 Form{"ca-bundle.pem", 2}}) {
    int32_t ccfg = wssl_config_new(WSSL_CLIENT);
    auto data = cert_file(f.file);
    EXPECT_EQ(f.count, wssl_config_add_ca(ccfg, data.data(), static_cast<int32_t>(data.size())))
        << f.file;
    int32_t scfg = server_config();
    {
      Pair pair(ccfg, scfg);
      EXPECT_EQ(0, pair.handshake()) << f.file;
    }
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

TEST(Cadata, AnyUnparsableCertificateRejectsTheWholeInput) {
  int32_t ccfg = wssl_config_new(WSSL_CLIENT);
  auto good = cert_file("ca.der");
  auto bad = good;
  bad.push_back(0x30);  // a truncated second certificate
  bad.push_back(0x82);
  EXPECT_EQ(WSSL_ERR_INVALID_CERT, wssl_config_add_ca(ccfg, bad.data(), static_cast<int32_t>(bad.size())));
  const uint8_t junk[] = "not a certificate";
  EXPECT_EQ(WSSL_ERR_INVALID_CERT, wssl_config_add_ca(ccfg, junk, sizeof junk));
  EXPECT_EQ(WSSL_ERR_INVALID_CERT, wssl_config_add_ca(ccfg, junk, 0));
  // Nothing was added: a verified connection still fails for lack of a CA.
  int32_t scfg = server_config();
  {
    Pair pair(ccfg, scfg);
    EXPECT_NE(0, pair.handshake());
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

}  // namespace
