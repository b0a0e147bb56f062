// Host-name checks: which names a server_hostname accepts at all, and which certificate
// entries may match it (RFC 6125 as browsers apply it), end to end through CERT_REQUIRED.
#include <gtest/gtest.h>

#include <string>

#include "support/tls_fixtures.h"
#include "support/verify_outcome.h"
#include "x509/host_name.h"
#include "x509/hostname_match.h"

using namespace wssl_test;
using wssl::x509::HostName;

namespace {

// The client's handshake result against `cert` served by an engine server, and its info text.
int32_t connect_as(const std::string &cert, const char *hostname, std::string *info = nullptr) {
  int32_t ccfg = client_config(WSSL_CERT_REQUIRED);
  int32_t scfg = server_config(cert);
  int32_t result;
  {
    Pair pair(ccfg, scfg, hostname);
    EXPECT_GT(pair.client.conn, 0) << hostname;
    result = pair.handshake();
    if (info != nullptr) *info = wssl_verify_info(pair.client.conn, "\n");
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
  return result;
}

TEST(HostNameSyntax, BadBytesAreRefusedBeforeAnyIo) {
  int32_t ccfg = client_config(WSSL_CERT_REQUIRED);
  for (const char *bad : {"", "local host", "localhost/", "a..b", ".localhost", "exa\xc3\xa9mple.com",
                          "*.example.com", "localhost\n", "[::1]", "1.2.3.4.5", "256.0.0.1",
                          "1.2.3.09", "::1::", "fe80::1%eth0", "x.123"})
    EXPECT_EQ(WSSL_EINVAL, wssl_conn_new(ccfg, 1, bad)) << bad;
  // A 64-byte label, and a name over 253 bytes.
  EXPECT_EQ(WSSL_EINVAL, wssl_conn_new(ccfg, 1, (std::string(64, 'a') + ".test").c_str()));
  std::string long_name;
  for (int i = 0; i < 64; ++i) long_name += "abc.";
  EXPECT_EQ(WSSL_EINVAL, wssl_conn_new(ccfg, 1, long_name.c_str()));
  for (const char *good : {"localhost", "LocalHost.", "a-b_c.example", "127.0.0.1", "::1",
                           "2001:DB8::1", "::ffff:127.0.0.1"}) {
    int32_t conn = wssl_conn_new(ccfg, 1, good);
    EXPECT_GT(conn, 0) << good;
    if (conn > 0) wssl_close(conn);
  }
  wssl_config_free(ccfg);
}

TEST(HostNameSyntax, EveryIpv4TextFormIsOneAddress) {
  for (const char *form : {"127.0.0.1", "127.1", "0x7f.0.0.1", "0177.0.0.1", "2130706433",
                           "0x7F000001", "127.0.0.1."}) {
    HostName h;
    ASSERT_TRUE(wssl::x509::parse_host_name(form, &h)) << form;
    EXPECT_EQ(HostName::Kind::kIp, h.kind) << form;
    ASSERT_EQ(4u, h.ip_len) << form;
    EXPECT_EQ(0, memcmp(h.ip, "\x7f\x00\x00\x01", 4)) << form;
  }
  HostName v6;
  ASSERT_TRUE(wssl::x509::parse_host_name("0:0:0:0:0:0:0:1", &v6));
  EXPECT_EQ(16u, v6.ip_len);
  EXPECT_EQ(1, v6.ip[15]);
}

TEST(WildcardPattern, OnlyAWholeLeftmostLabelAboveTwoLabels) {
  using wssl::x509::dns_pattern_matches;
  auto m = [](const char *pattern, const char *host) {
    return dns_pattern_matches(pattern, strlen(pattern), host);
  };
  EXPECT_TRUE(m("*.example.com", "www.example.com"));
  EXPECT_TRUE(m("*.EXAMPLE.com.", "www.example.com"));
  EXPECT_FALSE(m("*.example.com", "example.com"));
  EXPECT_FALSE(m("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(m("f*.example.com", "foo.example.com"));
  EXPECT_FALSE(m("*.*.example.com", "a.b.example.com"));
  EXPECT_FALSE(m("*.com", "example.com"));
  EXPECT_FALSE(m("*.local", "printer.local"));
  EXPECT_FALSE(m("*", "localhost"));
  EXPECT_TRUE(m("LocalHost", "localhost"));
}

struct NameCase {
  const char *cert;
  const char *hostname;
  bool accepted;
};

class CertificateNames : public ::testing::TestWithParam<NameCase> {};

TEST_P(CertificateNames, MatchOnlyTheirOwnKind) {
  std::string info;
  int32_t result = connect_as(GetParam().cert, GetParam().hostname, &info);
  if (GetParam().accepted) {
    EXPECT_EQ(0, result) << wssl_error_name(result) << info;
  } else {
    EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, result) << wssl_error_name(result);
    EXPECT_NE(std::string::npos, info.find("Common Name (CN) does not match")) << info;
  }
}

INSTANTIATE_TEST_SUITE_P(
    HostNames, CertificateNames,
    ::testing::Values(
        NameCase{"ip-only", "127.0.0.1", true}, NameCase{"ip-only", "127.1", true},
        NameCase{"ip-only", "::1", true}, NameCase{"ip-only", "0:0::0:1", true},
        NameCase{"ip-only", "::ffff:127.0.0.1", false}, NameCase{"ip-only", "localhost", false},
        NameCase{"ip-as-dns", "127.0.0.1", false}, NameCase{"ip-as-dns", "::1", false},
        NameCase{"uri-localhost", "localhost", false},
        NameCase{"cn-ip-only", "127.0.0.1", false},
        NameCase{"wildcard", "www.example.com", true}, NameCase{"wildcard", "WWW.EXAMPLE.COM.", true},
        NameCase{"wildcard", "example.com", false}, NameCase{"wildcard", "a.www.example.com", false},
        NameCase{"wildcard-tld", "example.com", false}, NameCase{"wildcard-tld", "printer.local", false},
        NameCase{"partial-wildcard", "foo.example.com", false},
        NameCase{"partial-wildcard", "a.b.example.com", false},
        NameCase{"server", "LOCALHOST", true}, NameCase{"server", "localhost.", true},
        NameCase{"server", "127.0.0.1", true}, NameCase{"server", "::1", true}));

TEST(CnFallback, OnlyWithoutAnySubjectAltNameAndOnlyInCompat) {
  VerifyOutcome compat = client_verifies("wrong-host-cn-only", "wrong.example", "ca.der",
                                         WSSL_CERT_REQUIRED, WSSL_VERIFY_COMPAT);
  EXPECT_EQ(0, compat.result) << compat.info;
  VerifyOutcome strict = client_verifies("wrong-host-cn-only", "wrong.example");
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, strict.result);
  EXPECT_NE(std::string::npos, strict.info.find("Common Name (CN) does not match")) << strict.info;
  EXPECT_NE(std::string::npos, strict.info.find("strict profile: a server certificate needs a "
                                                "subjectAltName (no CN fallback)"))
      << strict.info;
}

}  // namespace
