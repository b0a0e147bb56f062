// What the WebAssembly size trims (docs/performance.md) must keep working, checked on the native build of
// the same configuration: the compact SHA-1 block function (src/platform/sha1_compress.cpp)
// still hashes correctly, so SHA-1-signed chains parse and are rejected by name; the wasm
// builds' plain strstr (src/platform/find_substring.cpp) finds what strstr finds; the
// verification texts written without mbedtls' *_info functions (MBEDTLS_X509_REMOVE_INFO) are
// mbedtls' own lines.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "mbedtls/sha1.h"
#include "mbedtls/x509.h"
#include "platform/find_substring.h"
#include "support/tls_fixtures.h"
#include "x509/verify_text.h"

using namespace wssl_test;

namespace {

std::string sha1_hex(const std::string &data) {
  unsigned char digest[20];
  EXPECT_EQ(0, mbedtls_sha1(reinterpret_cast<const unsigned char *>(data.data()), data.size(),
                            digest));
  std::string hex;
  char two[3];
  for (unsigned char b : digest) {
    wssl_snprintf(two, sizeof two, "%02x", b);
    hex += two;
  }
  return hex;
}

TEST(CompactSha1, MatchesTheFips180TestVectors) {
  EXPECT_EQ("a9993e364706816aba3e25717850c26c9cd0d89d", sha1_hex("abc"));
  EXPECT_EQ("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
            sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
  EXPECT_EQ("34aa973cd4c4daa4f61eeb2bdbad27316534016f", sha1_hex(std::string(1000000, 'a')));
  EXPECT_EQ("da39a3ee5e6b4b0d3255bfef95601890afd80709", sha1_hex(""));
}

int32_t handshake_with(const std::string &server_cert, int32_t cert_reqs, std::string *info) {
  int32_t ccfg = client_config(cert_reqs), scfg = server_config(server_cert);
  int32_t result;
  {
    Pair pair(ccfg, scfg, "localhost");
    pair.handshake();
    result = pair.client_result;
    *info = wssl_verify_info(pair.client.conn, "\n");
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
  return result;
}

TEST(CompactSha1, ASha1SignedChainIsRejectedByNameUnderCertRequired) {
  std::string info;
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, handshake_with("sha1", WSSL_CERT_REQUIRED, &info));
  EXPECT_NE(std::string::npos, info.find("\nThe certificate is signed with an unacceptable hash.\n"))
      << info;
}

TEST(CompactSha1, ASha1SignedChainConnectsUnderCertNone) {
  std::string info;
  EXPECT_EQ(0, handshake_with("sha1", WSSL_CERT_NONE, &info));
}

TEST(PlainStrstr, FindsWhatTheCLibraryFinds) {
  const std::string pem = "junk\n-----BEGIN-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  const char *cases[][2] = {
      {pem.c_str(), "-----BEGIN CERTIFICATE-----"}, {pem.c_str(), "-----END CERTIFICATE-----"},
      {pem.c_str(), "-----BEGIN EC PRIVATE KEY-----"}, {pem.c_str(), ""}, {"", ""}, {"", "a"},
      {"aaab", "aab"}, {"ab", "abc"}, {"abc", "c"}, {"TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305", "CHACHA20"}};
  for (const auto &c : cases) {
    EXPECT_EQ(std::strstr(c[0], c[1]), wssl_find_substring(c[0], c[1])) << c[0] << " / " << c[1];
  }
}

TEST(VerifyText, OneLinePerFlagInMbedtlsOrderWithItsWords) {
  std::string text;
  wssl::x509::append_verify_text(
      &text, "! ", MBEDTLS_X509_BADCERT_NOT_TRUSTED | MBEDTLS_X509_BADCERT_EXPIRED | (1u << 30));
  EXPECT_EQ("! The certificate validity has expired\n"
            "! The certificate is not correctly signed by the trusted CA\n"
            "! Unknown reason (this should not happen)\n", text);
  text.clear();
  wssl::x509::append_verify_text(&text, "", 0);
  EXPECT_EQ("", text);
}

}  // namespace
