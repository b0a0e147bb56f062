// Real trust stores keep working: every root of Debian's bundle and of Node's
// tls.rootCertificates loads as cadata (which is all or nothing), and every one passes the
// strict profile's checks as a trust anchor, so that it can anchor a chain under strict.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "certificates.h"
#include "support/tls_fixtures.h"
#include "x509/extensions.h"
#include "x509/strict_profile.h"

using namespace wssl_test;

namespace {

std::string read_all(FILE *f) {
  std::string out;
  char buf[65536];
  for (size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  return out;
}

size_t count_pem_blocks(const std::string &pem) {
  size_t count = 0;
  for (size_t at = 0; (at = pem.find("-----BEGIN CERTIFICATE-----", at)) != std::string::npos; ++at)
    ++count;
  return count;
}

// Loads `pem` as cadata, then runs the strict checks over each root as a trust anchor.
void every_root_loads_and_anchors(const std::string &pem) {
  size_t expected = count_pem_blocks(pem);
  ASSERT_GT(expected, 100u);
  int32_t cfg = wssl_config_new(WSSL_CLIENT);
  EXPECT_EQ(static_cast<int32_t>(expected),
            wssl_config_add_ca(cfg, reinterpret_cast<const uint8_t *>(pem.data()),
                               static_cast<int32_t>(pem.size())));
  wssl_config_free(cfg);

  wssl::CertChain roots;
  ASSERT_EQ(static_cast<int32_t>(expected),
            wssl::parse_certificates(reinterpret_cast<const uint8_t *>(pem.data()), pem.size(),
                                     &roots));
  size_t checked = 0;
  for (const mbedtls_x509_crt *c = &roots.crt; c != nullptr && c->raw.p; c = c->next, ++checked) {
    std::vector<std::string> broken;
    wssl::x509::StrictPosition at;
    at.depth = 1;
    at.trust_anchor = true;
    wssl::x509::check_strict_profile(*c, at, &broken);
    for (const std::string &b : broken) ADD_FAILURE() << b;
    EXPECT_EQ("", wssl::x509::unprocessed_critical_extension(*c)) << wssl::x509::subject_text(*c);
  }
  EXPECT_EQ(expected, checked);
}

TEST(TrustStores, DebianBundle) {
  FILE *f = std::fopen("/etc/ssl/certs/ca-certificates.crt", "rb");
  ASSERT_NE(nullptr, f) << "ca-certificates is installed by scripts/setup.sh";
  std::string pem = read_all(f);
  std::fclose(f);
  every_root_loads_and_anchors(pem);
}

TEST(TrustStores, NodeRootCertificates) {
  FILE *p = popen("node -e \"process.stdout.write(require('tls').rootCertificates.join('\\n'))\"", "r");
  ASSERT_NE(nullptr, p);
  std::string pem = read_all(p);
  ASSERT_EQ(0, pclose(p));
  every_root_loads_and_anchors(pem);
}

}  // namespace
