// The engine's snprintf (src/platform/format.cpp), which mbedtls formats certificate details
// and verification reasons with, against the C library's on every conversion it accepts.
#include <gtest/gtest.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "platform/format.h"

namespace {

// Same result and same text as snprintf, in a buffer large enough and in one too small.
#define EXPECT_LIKE_LIBC(...)                                                          \
  do {                                                                                 \
    char ours[128], libc[128];                                                         \
    int expected = std::snprintf(libc, sizeof libc, __VA_ARGS__);                      \
    EXPECT_EQ(expected, wssl_snprintf(ours, sizeof ours, __VA_ARGS__)) << #__VA_ARGS__; \
    EXPECT_STREQ(libc, ours) << #__VA_ARGS__;                                          \
    std::snprintf(libc, 4, __VA_ARGS__);                                               \
    EXPECT_EQ(expected, wssl_snprintf(ours, 4, __VA_ARGS__)) << #__VA_ARGS__;          \
    EXPECT_STREQ(libc, ours) << "truncated: " << #__VA_ARGS__;                          \
  } while (0)

TEST(Format, SignedIntegersWithWidthPrecisionAndFlags) {
  EXPECT_LIKE_LIBC("%d", 0);
  EXPECT_LIKE_LIBC("%d|%i", INT_MIN, INT_MAX);
  EXPECT_LIKE_LIBC("[%5d] [%-5d] [%05d]", -42, -42, -42);
  EXPECT_LIKE_LIBC("[%.3d] [%6.3d] [%-6.3d] [%06.3d]", -7, -7, 7, 7);
  EXPECT_LIKE_LIBC("[%.0d] [%3.0d] [%.0d]", 0, 0, 5);
  EXPECT_LIKE_LIBC("[%*d] [%-*d] [%*d] [%.*d]", 6, 12, 6, 12, -6, 12, 4, 12);
  EXPECT_LIKE_LIBC("%hhd %hd %ld %lld", 300, 70000, LONG_MIN, LLONG_MIN);
  EXPECT_LIKE_LIBC("%jd %td %zd", INTMAX_MIN, static_cast<ptrdiff_t>(-5), static_cast<size_t>(9));
}

TEST(Format, UnsignedIntegersInEveryBase) {
  EXPECT_LIKE_LIBC("%u %o %x %X", UINT_MAX, 8u, 0xdeadbeefu, 0xdeadbeefu);
  EXPECT_LIKE_LIBC("[%08X] [%02X] [%02x] [%04x] [%-6x]", 0xabu, 0xabu, 0x5u, 0x1fu, 0x1fu);
  EXPECT_LIKE_LIBC("%hhu %hu %lu %llu", 300u, 70000u, ULONG_MAX, ULLONG_MAX);
  EXPECT_LIKE_LIBC("%zu %zx %jx", SIZE_MAX, SIZE_MAX, UINTMAX_MAX);
  EXPECT_LIKE_LIBC("[%.0u] [%.0x] [%.5x]", 0u, 0u, 0xfu);
}

TEST(Format, CharactersStringsAndPercent) {
  EXPECT_LIKE_LIBC("[%c] [%3c] [%-3c]", 'A', 'b', 'c');
  EXPECT_LIKE_LIBC("[%s] [%8s] [%-8s] [%.2s] [%6.2s] [%.*s]", "abc", "abc", "abc", "abc", "abc",
                   3, "abcdef");
  EXPECT_LIKE_LIBC("100%% of %s", "it");
  EXPECT_LIKE_LIBC("%s", "");
  int local = 0;
  EXPECT_LIKE_LIBC("%p", static_cast<void *>(&local));
}

TEST(Format, WhatMbedtlsAndTheEngineFormat) {
  EXPECT_LIKE_LIBC("%04d-%02d-%02d %02d:%02d:%02d", 2026, 1, 2, 3, 4, 5);
  EXPECT_LIKE_LIBC("\n%s%-18s: %d bits", "  ", "EC key size", 256);
  EXPECT_LIKE_LIBC("%c.%u", '1', 2u);
  EXPECT_LIKE_LIBC(" (%s, MGF1-%s, 0x%02X)", "SHA256", "SHA256", 0x20u);
  EXPECT_LIKE_LIBC("\\u%04x", 0x1fu);
  EXPECT_LIKE_LIBC("%u.%u.%u.%u", 127u, 0u, 0u, 1u);
}

TEST(Format, ReturnsTheFullLengthAndAlwaysTerminates) {
  char buf[4] = {'x', 'x', 'x', 'x'};
  EXPECT_EQ(11, wssl_snprintf(buf, sizeof buf, "%s world", "hello"));
  EXPECT_STREQ("hel", buf);
  EXPECT_EQ(5, wssl_snprintf(nullptr, 0, "%d", 12345)) << "measuring only";
  buf[0] = 'x';
  EXPECT_EQ(3, wssl_snprintf(buf, 1, "abc"));
  EXPECT_EQ('\0', buf[0]);
}

TEST(Format, RefusesWhatItDoesNotImplement) {
  char buf[32];
  for (const char *format : {"%f", "%e", "%g", "%a", "%+d", "% d", "%#x", "%n", "%ls", "%q"}) {
    std::snprintf(buf, sizeof buf, "unchanged");
    EXPECT_EQ(-1, wssl_snprintf(buf, sizeof buf, format, 0)) << format;
    EXPECT_STREQ("", buf) << format;
  }
}

}  // namespace
