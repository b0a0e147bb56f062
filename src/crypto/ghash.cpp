// GHASH (NIST SP 800-38D) by constant-time carry-less multiplication. mbedtls' GHASH looks up
// 4-bit tables with indices taken from the data being hashed and from H, which leaks them
// through the cache. Here the product is made of ordinary integer multiplications whose
// operands keep only every fourth bit ("with holes"), so no carry ever reaches a bit that
// counts, and nothing depends on secrets but the values computed: no table, no branch.
//
// GCM's bit order is reflected: the first bit of a block is the coefficient of x^0. Read as a
// big-endian 128-bit number, a block then has x^i at bit 127 - i; the carry-less product of two
// such numbers has x^k at bit 254 - k, one shift from the 256-bit reflected form, which is then
// reduced modulo x^128 + x^7 + x^2 + x + 1 with shifts.
#include "crypto/ghash.h"

#include <cstring>

#include "mbedtls/gcm.h"

#if defined(MBEDTLS_GCM_ALT)

namespace {

using u128 = unsigned __int128;

// The 64-bit carry-less product of two 32-bit numbers. Each operand is split into four parts
// holding every fourth bit; a product of two parts has at most 8 terms per bit position, whose
// sum (< 16) fits before the next position of the same part, so its bits there are exact.
inline uint64_t clmul32(uint32_t a, uint32_t b) {
  const uint64_t a0 = a & 0x11111111u, a1 = a & 0x22222222u, a2 = a & 0x44444444u,
                 a3 = a & 0x88888888u;
  const uint64_t b0 = b & 0x11111111u, b1 = b & 0x22222222u, b2 = b & 0x44444444u,
                 b3 = b & 0x88888888u;
  const uint64_t z0 = (a0 * b0) ^ (a1 * b3) ^ (a2 * b2) ^ (a3 * b1);
  const uint64_t z1 = (a0 * b1) ^ (a1 * b0) ^ (a2 * b3) ^ (a3 * b2);
  const uint64_t z2 = (a0 * b2) ^ (a1 * b1) ^ (a2 * b0) ^ (a3 * b3);
  const uint64_t z3 = (a0 * b3) ^ (a1 * b2) ^ (a2 * b1) ^ (a3 * b0);
  return (z0 & 0x1111111111111111ull) | (z1 & 0x2222222222222222ull) |
         (z2 & 0x4444444444444444ull) | (z3 & 0x8888888888888888ull);
}

// The product of two 128-bit polynomials as nine 32-bit carry-less products (Karatsuba, twice
// over), XORed into `slots`. Everything after them is linear, so the slots of several products
// can be summed first and combined and reduced once (ghash_blocks: 4 blocks at a time).
inline void clmul128_into(u128 x, u128 h, uint64_t slots[9]) {
  const uint64_t x0 = static_cast<uint64_t>(x), x1 = static_cast<uint64_t>(x >> 64);
  const uint64_t h0 = static_cast<uint64_t>(h), h1 = static_cast<uint64_t>(h >> 64);
  const uint64_t as[3] = {x0, x1, x0 ^ x1}, bs[3] = {h0, h1, h0 ^ h1};
  for (int p = 0; p < 3; ++p) {
    const uint32_t a0 = static_cast<uint32_t>(as[p]), a1 = static_cast<uint32_t>(as[p] >> 32);
    const uint32_t b0 = static_cast<uint32_t>(bs[p]), b1 = static_cast<uint32_t>(bs[p] >> 32);
    slots[3 * p] ^= clmul32(a0, b0);
    slots[3 * p + 1] ^= clmul32(a1, b1);
    slots[3 * p + 2] ^= clmul32(a0 ^ a1, b0 ^ b1);
  }
}

// The slots combined into the product, then reduced: the element of GF(2^128), in the
// reflected big-endian form.
u128 combine_and_reduce(const uint64_t slots[9]) {
  u128 part[3];
  for (int p = 0; p < 3; ++p) {
    const uint64_t lo = slots[3 * p], hi = slots[3 * p + 1], mid = slots[3 * p + 2] ^ lo ^ hi;
    part[p] = ((u128{hi} << 64) | lo) ^ (u128{mid} << 32);
  }
  const u128 lo = part[0], hi = part[1], mid = part[2] ^ lo ^ hi;
  // The 255-bit product (hi : lo) shifted left once: x^k at bit 255 - k.
  u128 top = hi ^ (mid >> 64), bottom = lo ^ (mid << 64);
  top = (top << 1) | (bottom >> 127);
  bottom <<= 1;
  // `bottom` holds x^128 .. x^255 (x^(128+m) at bit 127 - m), each worth x^m (1 + x + x^2 + x^7);
  // multiplying by x is a right shift here. What falls off the end (x^128 .. x^134) is reduced
  // once more, and lands below x^14.
  const u128 over = (bottom << 127) ^ (bottom << 126) ^ (bottom << 121);
  return top ^ bottom ^ (bottom >> 1) ^ (bottom >> 2) ^ (bottom >> 7) ^
         over ^ (over >> 1) ^ (over >> 2) ^ (over >> 7);
}

// x * h in GF(2^128).
u128 gf_mul(u128 x, u128 h) {
  uint64_t slots[9] = {0};
  clmul128_into(x, h, slots);
  return combine_and_reduce(slots);
}

inline uint64_t load_be64(const unsigned char *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);  // both targets are little-endian
}

inline u128 load_be128(const unsigned char *p) {
  return (u128{load_be64(p)} << 64) | load_be64(p + 8);
}

inline void store_be128(unsigned char *p, u128 v) {
  const uint64_t hi = __builtin_bswap64(static_cast<uint64_t>(v >> 64)),
                 lo = __builtin_bswap64(static_cast<uint64_t>(v));
  std::memcpy(p, &hi, 8);
  std::memcpy(p + 8, &lo, 8);
}

}  // namespace

namespace wssl::crypto {

void ghash_key(uint64_t key[4][2], const unsigned char h[16]) {
  const u128 h1 = load_be128(h);
  u128 power = h1;
  for (int i = 0; i < 4; ++i) {  // H, H^2, H^3, H^4
    key[i][0] = static_cast<uint64_t>(power >> 64);
    key[i][1] = static_cast<uint64_t>(power);
    power = gf_mul(power, h1);
  }
}

void ghash_blocks(const uint64_t key[4][2], unsigned char acc[16], const unsigned char *data,
                  size_t blocks) {
  u128 h[4];
  for (int i = 0; i < 4; ++i) h[i] = (u128{key[i][0]} << 64) | key[i][1];
  u128 y = load_be128(acc);
  // Four blocks at a time: y' = (y + X1) H^4 + X2 H^3 + X3 H^2 + X4 H, reduced once.
  for (; blocks >= 4; blocks -= 4, data += 64) {
    uint64_t slots[9] = {0};
    clmul128_into(y ^ load_be128(data), h[3], slots);
    clmul128_into(load_be128(data + 16), h[2], slots);
    clmul128_into(load_be128(data + 32), h[1], slots);
    clmul128_into(load_be128(data + 48), h[0], slots);
    y = combine_and_reduce(slots);
  }
  for (; blocks > 0; --blocks, data += 16) y = gf_mul(y ^ load_be128(data), h[0]);
  store_be128(acc, y);
}

}  // namespace wssl::crypto

#endif  // MBEDTLS_GCM_ALT
