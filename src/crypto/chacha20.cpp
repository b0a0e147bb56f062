// ChaCha20 (RFC 8439) for mbedtls in WebAssembly (MBEDTLS_CHACHA20_ALT), with a SIMD kernel:
// compiled with -msimd128 (the default wasm builds), four blocks are computed at once, one
// block per 32-bit lane; without (the *_scalar fallback builds) one block at a time. Same
// results either way; no branches or table lookups on secret data. mbedtls' own code has no
// SIMD and auto-vectorising it made it slower (docs/performance.md), so this is the one kernel written by
// hand. Checked against OpenSSL's ChaCha20-Poly1305, both variants, by
// tests/wasm/chacha20.test.js. Native builds use mbedtls' chacha20.c.
#include <cstring>

#include "mbedtls/chacha20.h"
#include "mbedtls/platform_util.h"

#if defined(MBEDTLS_CHACHA20_ALT)

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace {

constexpr size_t kBlock = 64;

inline uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

inline uint32_t load_le32(const unsigned char *p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

#define WSSL_QUARTER_ROUND(a, b, c, d) \
  a += b; d = rotl(d ^ a, 16);         \
  c += d; b = rotl(b ^ c, 12);         \
  a += b; d = rotl(d ^ a, 8);          \
  c += d; b = rotl(b ^ c, 7);

inline void store_le32(unsigned char *p, uint32_t v) {
  p[0] = static_cast<unsigned char>(v);
  p[1] = static_cast<unsigned char>(v >> 8);
  p[2] = static_cast<unsigned char>(v >> 16);
  p[3] = static_cast<unsigned char>(v >> 24);
}

// One keystream block for `state` (its counter is not advanced here), XORed into `out` with
// `in` (in == nullptr: the keystream itself). Word by word: compilers turn the byte
// shuffling of load_le32/store_le32 into plain loads and stores.
void block(const uint32_t state[16], const unsigned char *in, unsigned char *out) {
  uint32_t x[16];
  std::memcpy(x, state, sizeof x);
  for (int i = 0; i < 10; ++i) {
    WSSL_QUARTER_ROUND(x[0], x[4], x[8], x[12])
    WSSL_QUARTER_ROUND(x[1], x[5], x[9], x[13])
    WSSL_QUARTER_ROUND(x[2], x[6], x[10], x[14])
    WSSL_QUARTER_ROUND(x[3], x[7], x[11], x[15])
    WSSL_QUARTER_ROUND(x[0], x[5], x[10], x[15])
    WSSL_QUARTER_ROUND(x[1], x[6], x[11], x[12])
    WSSL_QUARTER_ROUND(x[2], x[7], x[8], x[13])
    WSSL_QUARTER_ROUND(x[3], x[4], x[9], x[14])
  }
  for (int i = 0; i < 16; ++i) {
    uint32_t k = x[i] + state[i];
    store_le32(out + 4 * i, in == nullptr ? k : load_le32(in + 4 * i) ^ k);
  }
  mbedtls_platform_zeroize(x, sizeof x);
}

#if defined(__wasm_simd128__)
constexpr size_t kWide = 4 * kBlock;

// Rotations by 16 and 8 are byte shuffles; by 12 and 7, two shifts.
inline v128_t rotl16(v128_t v) {
  return wasm_i8x16_shuffle(v, v, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
}
inline v128_t rotl8(v128_t v) {
  return wasm_i8x16_shuffle(v, v, 3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
}
inline v128_t rotl_shift(v128_t v, int n) {
  return wasm_v128_or(wasm_i32x4_shl(v, n), wasm_u32x4_shr(v, 32 - n));
}

#define WSSL_QUARTER_ROUND4(a, b, c, d)                                        \
  a = wasm_i32x4_add(a, b); d = rotl16(wasm_v128_xor(d, a));                   \
  c = wasm_i32x4_add(c, d); b = rotl_shift(wasm_v128_xor(b, c), 12);           \
  a = wasm_i32x4_add(a, b); d = rotl8(wasm_v128_xor(d, a));                    \
  c = wasm_i32x4_add(c, d); b = rotl_shift(wasm_v128_xor(b, c), 7);

// Four consecutive blocks (counters n .. n+3) XORed into 256 bytes of output.
void blocks4(const uint32_t state[16], const unsigned char *in, unsigned char *out) {
  v128_t s[16], x[16];
  for (int i = 0; i < 16; ++i) s[i] = wasm_i32x4_splat(static_cast<int32_t>(state[i]));
  s[12] = wasm_i32x4_add(s[12], wasm_i32x4_make(0, 1, 2, 3));
  for (int i = 0; i < 16; ++i) x[i] = s[i];
  for (int i = 0; i < 10; ++i) {
    WSSL_QUARTER_ROUND4(x[0], x[4], x[8], x[12])
    WSSL_QUARTER_ROUND4(x[1], x[5], x[9], x[13])
    WSSL_QUARTER_ROUND4(x[2], x[6], x[10], x[14])
    WSSL_QUARTER_ROUND4(x[3], x[7], x[11], x[15])
    WSSL_QUARTER_ROUND4(x[0], x[5], x[10], x[15])
    WSSL_QUARTER_ROUND4(x[1], x[6], x[11], x[12])
    WSSL_QUARTER_ROUND4(x[2], x[7], x[8], x[13])
    WSSL_QUARTER_ROUND4(x[3], x[4], x[9], x[14])
  }
  // x[i] holds word i of the four blocks, one per lane: transpose each group of four words
  // so that a vector holds four consecutive words of one block, in memory order.
  for (int g = 0; g < 4; ++g) {
    v128_t a = wasm_i32x4_add(x[4 * g], s[4 * g]), b = wasm_i32x4_add(x[4 * g + 1], s[4 * g + 1]);
    v128_t c = wasm_i32x4_add(x[4 * g + 2], s[4 * g + 2]), d = wasm_i32x4_add(x[4 * g + 3], s[4 * g + 3]);
    v128_t ab_lo = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), cd_lo = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5);
    v128_t ab_hi = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7), cd_hi = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);
    v128_t words[4] = {wasm_i32x4_shuffle(ab_lo, cd_lo, 0, 1, 4, 5),
                       wasm_i32x4_shuffle(ab_lo, cd_lo, 2, 3, 6, 7),
                       wasm_i32x4_shuffle(ab_hi, cd_hi, 0, 1, 4, 5),
                       wasm_i32x4_shuffle(ab_hi, cd_hi, 2, 3, 6, 7)};
    for (int k = 0; k < 4; ++k) {
      size_t at = k * kBlock + 16 * g;
      wasm_v128_store(out + at, wasm_v128_xor(words[k], wasm_v128_load(in + at)));
    }
  }
}
#endif

}  // namespace

extern "C" {

void mbedtls_chacha20_init(mbedtls_chacha20_context *ctx) {
  mbedtls_platform_zeroize(ctx, sizeof *ctx);
  ctx->keystream_bytes_used = kBlock;
}

void mbedtls_chacha20_free(mbedtls_chacha20_context *ctx) {
  if (ctx != nullptr) mbedtls_platform_zeroize(ctx, sizeof *ctx);
}

int mbedtls_chacha20_setkey(mbedtls_chacha20_context *ctx, const unsigned char key[32]) {
  static const uint32_t kSigma[4] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
  std::memcpy(ctx->state, kSigma, sizeof kSigma);
  for (int i = 0; i < 8; ++i) ctx->state[4 + i] = load_le32(key + 4 * i);
  return 0;
}

int mbedtls_chacha20_starts(mbedtls_chacha20_context *ctx, const unsigned char nonce[12],
                            uint32_t counter) {
  ctx->state[12] = counter;
  for (int i = 0; i < 3; ++i) ctx->state[13 + i] = load_le32(nonce + 4 * i);
  mbedtls_platform_zeroize(ctx->keystream8, sizeof ctx->keystream8);
  ctx->keystream_bytes_used = kBlock;
  return 0;
}

int mbedtls_chacha20_update(mbedtls_chacha20_context *ctx, size_t size, const unsigned char *input,
                            unsigned char *output) {
  // First what is left of the previous call's last block.
  while (size > 0 && ctx->keystream_bytes_used < kBlock) {
    *output++ = *input++ ^ ctx->keystream8[ctx->keystream_bytes_used++];
    --size;
  }
#if defined(__wasm_simd128__)
  for (; size >= kWide; size -= kWide, input += kWide, output += kWide) {
    blocks4(ctx->state, input, output);
    ctx->state[12] += 4;
  }
#endif
  for (; size >= kBlock; size -= kBlock, input += kBlock, output += kBlock) {
    block(ctx->state, input, output);
    ctx->state[12]++;
  }
  if (size > 0) {  // a partial block: keep the rest of its keystream for the next call
    block(ctx->state, nullptr, ctx->keystream8);
    ctx->state[12]++;
    for (size_t i = 0; i < size; ++i) output[i] = input[i] ^ ctx->keystream8[i];
    ctx->keystream_bytes_used = size;
  }
  return 0;
}

int mbedtls_chacha20_crypt(const unsigned char key[32], const unsigned char nonce[12],
                           uint32_t counter, size_t size, const unsigned char *input,
                           unsigned char *output) {
  mbedtls_chacha20_context ctx;
  mbedtls_chacha20_init(&ctx);
  int ret = mbedtls_chacha20_setkey(&ctx, key);
  if (ret == 0) ret = mbedtls_chacha20_starts(&ctx, nonce, counter);
  if (ret == 0) ret = mbedtls_chacha20_update(&ctx, size, input, output);
  mbedtls_chacha20_free(&ctx);
  return ret;
}

}  // extern "C"

#endif  // MBEDTLS_CHACHA20_ALT
