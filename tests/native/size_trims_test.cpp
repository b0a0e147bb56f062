// What the WebAssembly size trims (issue 7) must keep working, checked on the native build of
// the same configuration: the compact SHA-1 block function (src/platform/sha1_compress.cpp)
// still hashes correctly, so SHA-1-signed chains parse and are rejected by name; and the
// engine's own snprintf (src/platform/format.cpp, declared by the mbedtls config) formats what
// mbedtls and the engine print exactly as C's snprintf does.
#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <cstdio>
#include <string>

#include "mbedtls/sha1.h"
#include "support/tls_fixtures.h"

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

// The engine's own formatter against glibc's, for every kind of conversion it supports.
#define EXPECT_FORMATS_LIKE_LIBC(...)                                             \
  do {                                                                            \
    for (size_t cap : {size_t{0}, size_t{1}, size_t{5}, size_t{128}}) {           \
      char ours[128] = "unchanged", libc[128] = "unchanged";                      \
      int a = wssl_snprintf(ours, cap, __VA_ARGS__);                              \
      int b = std::snprintf(libc, cap, __VA_ARGS__);                              \
      EXPECT_EQ(b, a) << #__VA_ARGS__ << " cap " << cap;                          \
      EXPECT_STREQ(libc, ours) << #__VA_ARGS__ << " cap " << cap;                 \
    }                                                                             \
  } while (0)

TEST(Snprintf, FormatsLikeLibc) {
  EXPECT_FORMATS_LIKE_LIBC("%04d-%02d-%02dT%02u:%x:%s|%c|%ld", 2024, 7, 1, 9u, 255, "ok", 'z', -5L);
  EXPECT_FORMATS_LIKE_LIBC("plain text, 100%% sure");
  EXPECT_FORMATS_LIKE_LIBC("%d %d %d %i", 0, -1, INT_MIN, INT_MAX);
  EXPECT_FORMATS_LIKE_LIBC("%u %u %lu %llu %zu", 0u, UINT_MAX, ULONG_MAX, ULLONG_MAX, SIZE_MAX);
  EXPECT_FORMATS_LIKE_LIBC("%lld %ld %jd %td", LLONG_MIN, LONG_MIN, INTMAX_MIN, PTRDIFF_MIN);
  EXPECT_FORMATS_LIKE_LIBC("%x %X %02X %04x %08X", 0xabcdu, 0xabcdu, 0x7u, 0xbeu, 0xdeadbeefu);
  EXPECT_FORMATS_LIKE_LIBC("[%5d] [%-5d] [%05d] [%-05d] [%5s] [%-5s] [%3c]", 42, 42, -42, 42, "ab", "ab", 'x');
  EXPECT_FORMATS_LIKE_LIBC("[%.3d] [%8.3d] [%08.3d] [%.0d] [%.2s] [%.*s] [%*d] [%-*d]", 7, -7, 7, 0,
                           "abcdef", 3, "abcdef", 6, 1, 6, 1);
  EXPECT_FORMATS_LIKE_LIBC("%hhu %hd %hu", 300, 70000, 70000u);
  EXPECT_FORMATS_LIKE_LIBC("\\u%04x %u.%u.%u.%u %s%x", 0x1fu, 127u, 0u, 0u, 1u, ":", 0xfe80u);
  const char *no_string = nullptr;
  char buf[16];
  EXPECT_EQ(6, wssl_snprintf(buf, sizeof buf, "%s", no_string));
  EXPECT_STREQ("(null)", buf);
}

}  // namespace
