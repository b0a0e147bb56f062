// The SHA-1 block function as a loop (MBEDTLS_SHA1_PROCESS_ALT). mbedtls' own spells out all
// 80 rounds (4.5 KB of WebAssembly); SHA-1 is here only so that SHA-1-signed certificates parse
// and are then rejected by name, so its speed does not matter. Checked against the FIPS 180
// test vectors by tests/native/size_trims_test.cpp.
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include <cstdint>

#include "mbedtls/sha1.h"

namespace {
uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
uint32_t load_be32(const unsigned char *p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
}  // namespace

extern "C" int mbedtls_internal_sha1_process(mbedtls_sha1_context *ctx,
                                             const unsigned char data[64]) {
  uint32_t w[16];
  for (int i = 0; i < 16; ++i) w[i] = load_be32(data + 4 * i);
  uint32_t a = ctx->state[0], b = ctx->state[1], c = ctx->state[2], d = ctx->state[3],
           e = ctx->state[4];
  for (int t = 0; t < 80; ++t) {
    if (t >= 16) {  // the message schedule, kept in a 16-word ring
      uint32_t x = w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15];
      w[t & 15] = rotl(x, 1);
    }
    uint32_t f, k;
    if (t < 20) {
      f = (b & c) | (~b & d);
      k = 0x5A827999;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = 0x6ED9EBA1;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8F1BBCDC;
    } else {
      f = b ^ c ^ d;
      k = 0xCA62C1D6;
    }
    uint32_t temp = rotl(a, 5) + f + e + k + w[t & 15];
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = temp;
  }
  ctx->state[0] += a;
  ctx->state[1] += b;
  ctx->state[2] += c;
  ctx->state[3] += d;
  ctx->state[4] += e;
  return 0;
}
