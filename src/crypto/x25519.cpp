// X25519 (RFC 7748), written from the RFC. Field elements of GF(2^255 - 19) are ten limbs in
// radix 2^25.5 (26, 25, 26, ... bits), so that every product is a 32x32->64-bit multiply, the
// fast shape in WebAssembly (which has no 64x64->128). Limbs are unsigned; a subtraction adds
// 2p first, so no limb goes negative. The scalar only ever selects through masks (the
// Montgomery ladder's conditional swap): no branch and no memory index depends on it,
// which tests/native/ecc_constant_time checks under valgrind.
#include "crypto/x25519.h"

#include <cstring>

namespace wssl::crypto {
namespace {

// Everything but the ladder stays out of line: one copy of each keeps the .wasm small.
#define WSSL_NOINLINE __attribute__((noinline))

struct Fe {
  uint32_t v[10];
};

constexpr uint32_t kMask26 = (1u << 26) - 1;
constexpr uint32_t kMask25 = (1u << 25) - 1;

inline uint64_t m(uint32_t a, uint32_t b) { return uint64_t{a} * b; }

// Carries a wide result into limbs of 26/25 bits; what leaves the top limb re-enters limb 0
// times 19 (2^255 = 19 mod p).
inline void carry(Fe &r, uint64_t h0, uint64_t h1, uint64_t h2, uint64_t h3, uint64_t h4,
                  uint64_t h5, uint64_t h6, uint64_t h7, uint64_t h8, uint64_t h9) {
  h1 += h0 >> 26; h0 &= kMask26;
  h2 += h1 >> 25; h1 &= kMask25;
  h3 += h2 >> 26; h2 &= kMask26;
  h4 += h3 >> 25; h3 &= kMask25;
  h5 += h4 >> 26; h4 &= kMask26;
  h6 += h5 >> 25; h5 &= kMask25;
  h7 += h6 >> 26; h6 &= kMask26;
  h8 += h7 >> 25; h7 &= kMask25;
  h9 += h8 >> 26; h8 &= kMask26;
  h0 += (h9 >> 25) * 19; h9 &= kMask25;
  h1 += h0 >> 26; h0 &= kMask26;
  r.v[0] = uint32_t(h0); r.v[1] = uint32_t(h1); r.v[2] = uint32_t(h2); r.v[3] = uint32_t(h3);
  r.v[4] = uint32_t(h4); r.v[5] = uint32_t(h5); r.v[6] = uint32_t(h6); r.v[7] = uint32_t(h7);
  r.v[8] = uint32_t(h8); r.v[9] = uint32_t(h9);
}

// Out of line (one copy: a smaller .wasm). Inputs: carried limbs, or one add/sub away from them (< 3 * 2^26): every sum of products
// below then stays under 2^64.
WSSL_NOINLINE void mul(Fe &r, const Fe &a, const Fe &b) {
  const uint32_t *f = a.v, *g = b.v;
  uint32_t f2[10], g19[10];
  for (int i = 0; i < 10; i++) {
    f2[i] = f[i] << (i & 1);  // odd limb times odd limb carries an extra factor 2
    g19[i] = g[i] * 19;       // wrapped products: 2^255 = 19
  }
  uint64_t h0 = m(f[0], g[0]) + m(f2[1], g19[9]) + m(f[2], g19[8]) + m(f2[3], g19[7]) + m(f[4], g19[6])
      + m(f2[5], g19[5]) + m(f[6], g19[4]) + m(f2[7], g19[3]) + m(f[8], g19[2]) + m(f2[9], g19[1]);
  uint64_t h1 = m(f[0], g[1]) + m(f[1], g[0]) + m(f[2], g19[9]) + m(f[3], g19[8]) + m(f[4], g19[7])
      + m(f[5], g19[6]) + m(f[6], g19[5]) + m(f[7], g19[4]) + m(f[8], g19[3]) + m(f[9], g19[2]);
  uint64_t h2 = m(f[0], g[2]) + m(f2[1], g[1]) + m(f[2], g[0]) + m(f2[3], g19[9]) + m(f[4], g19[8])
      + m(f2[5], g19[7]) + m(f[6], g19[6]) + m(f2[7], g19[5]) + m(f[8], g19[4]) + m(f2[9], g19[3]);
  uint64_t h3 = m(f[0], g[3]) + m(f[1], g[2]) + m(f[2], g[1]) + m(f[3], g[0]) + m(f[4], g19[9])
      + m(f[5], g19[8]) + m(f[6], g19[7]) + m(f[7], g19[6]) + m(f[8], g19[5]) + m(f[9], g19[4]);
  uint64_t h4 = m(f[0], g[4]) + m(f2[1], g[3]) + m(f[2], g[2]) + m(f2[3], g[1]) + m(f[4], g[0])
      + m(f2[5], g19[9]) + m(f[6], g19[8]) + m(f2[7], g19[7]) + m(f[8], g19[6]) + m(f2[9], g19[5]);
  uint64_t h5 = m(f[0], g[5]) + m(f[1], g[4]) + m(f[2], g[3]) + m(f[3], g[2]) + m(f[4], g[1])
      + m(f[5], g[0]) + m(f[6], g19[9]) + m(f[7], g19[8]) + m(f[8], g19[7]) + m(f[9], g19[6]);
  uint64_t h6 = m(f[0], g[6]) + m(f2[1], g[5]) + m(f[2], g[4]) + m(f2[3], g[3]) + m(f[4], g[2])
      + m(f2[5], g[1]) + m(f[6], g[0]) + m(f2[7], g19[9]) + m(f[8], g19[8]) + m(f2[9], g19[7]);
  uint64_t h7 = m(f[0], g[7]) + m(f[1], g[6]) + m(f[2], g[5]) + m(f[3], g[4]) + m(f[4], g[3])
      + m(f[5], g[2]) + m(f[6], g[1]) + m(f[7], g[0]) + m(f[8], g19[9]) + m(f[9], g19[8]);
  uint64_t h8 = m(f[0], g[8]) + m(f2[1], g[7]) + m(f[2], g[6]) + m(f2[3], g[5]) + m(f[4], g[4])
      + m(f2[5], g[3]) + m(f[6], g[2]) + m(f2[7], g[1]) + m(f[8], g[0]) + m(f2[9], g19[9]);
  uint64_t h9 = m(f[0], g[9]) + m(f[1], g[8]) + m(f[2], g[7]) + m(f[3], g[6]) + m(f[4], g[5])
      + m(f[5], g[4]) + m(f[6], g[3]) + m(f[7], g[2]) + m(f[8], g[1]) + m(f[9], g[0]);
  carry(r, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

inline void sq(Fe &r, const Fe &a) { mul(r, a, a); }

WSSL_NOINLINE void add(Fe &r, const Fe &a, const Fe &b) {
  for (int i = 0; i < 10; i++) r.v[i] = a.v[i] + b.v[i];
}

// a - b as a + 2p - b; b must be carried (each limb below 2p's).
WSSL_NOINLINE void sub(Fe &r, const Fe &a, const Fe &b) {
  r.v[0] = a.v[0] + (2 * kMask26 - 36) - b.v[0];  // 2 * (2^26 - 19)
  for (int i = 1; i < 10; i++) r.v[i] = a.v[i] + 2 * ((i & 1) ? kMask25 : kMask26) - b.v[i];
}

WSSL_NOINLINE void mul_small(Fe &r, const Fe &a, uint32_t k) {
  carry(r, m(a.v[0], k), m(a.v[1], k), m(a.v[2], k), m(a.v[3], k), m(a.v[4], k), m(a.v[5], k),
        m(a.v[6], k), m(a.v[7], k), m(a.v[8], k), m(a.v[9], k));
}

void sq_times(Fe &r, const Fe &a, int n) {
  sq(r, a);
  for (int i = 1; i < n; i++) sq(r, r);
}

// a^(p-2) = 1/a (0 for 0): a fixed addition chain, the same work for every input.
WSSL_NOINLINE void invert(Fe &r, const Fe &z) {
  Fe z2, z9, z11, t, z5, z10, z20, z50, z100;
  sq(z2, z);                      // 2
  sq_times(t, z2, 2);             // 8
  mul(z9, t, z);                  // 9
  mul(z11, z9, z2);               // 11
  sq(t, z11);                     // 22
  mul(z5, t, z9);                 // 2^5 - 1
  sq_times(t, z5, 5);
  mul(z10, t, z5);                // 2^10 - 1
  sq_times(t, z10, 10);
  mul(z20, t, z10);               // 2^20 - 1
  sq_times(t, z20, 20);
  mul(t, t, z20);                 // 2^40 - 1
  sq_times(t, t, 10);
  mul(z50, t, z10);               // 2^50 - 1
  sq_times(t, z50, 50);
  mul(z100, t, z50);              // 2^100 - 1
  sq_times(t, z100, 100);
  mul(t, t, z100);                // 2^200 - 1
  sq_times(t, t, 50);
  mul(t, t, z50);                 // 2^250 - 1
  sq_times(t, t, 5);              // 2^255 - 2^5
  mul(r, t, z11);                 // 2^255 - 21 = p - 2
}

constexpr int kLimbStart[10] = {0, 26, 51, 77, 102, 128, 153, 179, 204, 230};

WSSL_NOINLINE void from_bytes(Fe &r, const uint8_t in[32]) {
  uint64_t w[5] = {0, 0, 0, 0, 0};
  for (int i = 0; i < 32; i++) w[i / 8] |= uint64_t{in[i]} << (8 * (i % 8));
  w[3] &= ~(uint64_t{1} << 63);  // RFC 7748 section 5: the top bit of u is ignored
  for (int i = 0; i < 10; i++) {
    const int start = kLimbStart[i], word = start / 64, shift = start % 64;
    uint64_t bits = w[word] >> shift;
    if (shift > 38) bits |= w[word + 1] << (64 - shift);
    r.v[i] = uint32_t(bits) & ((i & 1) ? kMask25 : kMask26);
  }
}

// The unique representative below p, as 32 little-endian bytes.
WSSL_NOINLINE void to_bytes(uint8_t out[32], const Fe &a) {
  Fe t;
  carry(t, a.v[0], a.v[1], a.v[2], a.v[3], a.v[4], a.v[5], a.v[6], a.v[7], a.v[8], a.v[9]);
  // q = 1 exactly when t >= p, i.e. when t + 19 reaches 2^255.
  uint32_t q = (t.v[0] + 19) >> 26;
  for (int i = 1; i < 10; i++) q = (t.v[i] + q) >> ((i & 1) ? 25 : 26);
  t.v[0] += 19 * q;  // t - q * p = t + 19q - q * 2^255: drop what carries past bit 255
  for (int i = 0; i < 9; i++) {
    const int bits = (i & 1) ? 25 : 26;
    t.v[i + 1] += t.v[i] >> bits;
    t.v[i] &= (1u << bits) - 1;
  }
  t.v[9] &= kMask25;
  uint64_t w[5] = {0, 0, 0, 0, 0};
  for (int i = 0; i < 10; i++) {
    const int start = kLimbStart[i], word = start / 64, shift = start % 64;
    w[word] |= uint64_t{t.v[i]} << shift;
    if (shift > 38) w[word + 1] |= uint64_t{t.v[i]} >> (64 - shift);
  }
  for (int i = 0; i < 32; i++) out[i] = uint8_t(w[i / 8] >> (8 * (i % 8)));
}

// Swaps a and b when bit is 1, through a mask: the same instructions either way.
WSSL_NOINLINE void cswap(Fe &a, Fe &b, uint32_t bit) {
  const uint32_t mask = 0 - bit;
  for (int i = 0; i < 10; i++) {
    const uint32_t x = mask & (a.v[i] ^ b.v[i]);
    a.v[i] ^= x;
    b.v[i] ^= x;
  }
}

// One rung of the ladder: (x2 : z2) doubled, (x3 : z3) + (x2 : z2), x1 their difference.
WSSL_NOINLINE void ladder_step(Fe &x2, Fe &z2, Fe &x3, Fe &z3, const Fe &x1) {
  Fe a, aa, b, bb, e, c, d, da, cb, t;
  add(a, x2, z2);
  sq(aa, a);
  sub(b, x2, z2);
  sq(bb, b);
  sub(e, aa, bb);
  add(c, x3, z3);
  sub(d, x3, z3);
  mul(da, d, a);
  mul(cb, c, b);
  add(t, da, cb);
  sq(x3, t);
  sub(t, da, cb);
  sq(t, t);
  mul(z3, x1, t);
  mul(x2, aa, bb);
  mul_small(t, e, 121665);  // a24 = (486662 - 2) / 4
  add(t, aa, t);
  mul(z2, e, t);
}

}  // namespace

void x25519_ladder_step(uint8_t x2[32], uint8_t z2[32], uint8_t x3[32], uint8_t z3[32],
                        const uint8_t x1[32]) {
  Fe fx2, fz2, fx3, fz3, fx1;
  from_bytes(fx2, x2);
  from_bytes(fz2, z2);
  from_bytes(fx3, x3);
  from_bytes(fz3, z3);
  from_bytes(fx1, x1);
  ladder_step(fx2, fz2, fx3, fz3, fx1);
  to_bytes(x2, fx2);
  to_bytes(z2, fz2);
  to_bytes(x3, fx3);
  to_bytes(z3, fz3);
}

void x25519_divide(uint8_t x[32], const uint8_t z[32]) {
  Fe fx, fz;
  from_bytes(fx, x);
  from_bytes(fz, z);
  invert(fz, fz);
  mul(fx, fx, fz);
  to_bytes(x, fx);
}

void x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]) {
  uint8_t k[32];
  std::memcpy(k, scalar, 32);
  k[0] &= 248;  // RFC 7748 section 5: clamping
  k[31] &= 127;
  k[31] |= 64;

  Fe x1, x2 = {{1}}, z2 = {{0}}, x3, z3 = {{1}};
  from_bytes(x1, u);
  x3 = x1;
  uint32_t swap = 0;
  for (int i = 254; i >= 0; i--) {  // the ladder of RFC 7748 section 5
    const uint32_t bit = (k[i >> 3] >> (i & 7)) & 1;
    swap ^= bit;
    cswap(x2, x3, swap);
    cswap(z2, z3, swap);
    swap = bit;
    ladder_step(x2, z2, x3, z3, x1);
  }
  cswap(x2, x3, swap);
  cswap(z2, z3, swap);
  invert(z2, z2);
  mul(x2, x2, z2);
  to_bytes(out, x2);
  volatile uint8_t *wipe = k;  // the clamped scalar copy does not outlive the call
  for (int i = 0; i < 32; i++) wipe[i] = 0;
}

}  // namespace wssl::crypto
