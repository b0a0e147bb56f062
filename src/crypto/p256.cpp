// NIST P-256, written from FIPS 186-4 / SEC1 and the complete addition formulas of Renes,
// Costello and Batina ("Complete addition formulas for prime order elliptic curves", 2015,
// algorithms 4 and 6 for a = -3). Integers are eight 32-bit limbs, so every product is a
// 32x32->64-bit multiply (WebAssembly's fast shape); both moduli (the field prime p and the
// group order n) use one Montgomery multiplication. The complete formulas have no special
// cases (doubling, the point at infinity), so a scalar multiplication with a secret scalar is
// straight-line code: a fixed 4-bit window whose table entry is read through masks, never by
// index. Checked by tests/native/p256_test.cpp and, for constant time, under valgrind.
#include "crypto/p256.h"

#include <cstring>

// Values derived from a secret that are public by definition (a signature's r and s, whether
// a product is the point at infinity) are declassified before a branch reads them; the
// constant-time check (tests/native/ecc_constant_time_probe.cpp) builds this file with
// WSSL_CT_VALGRIND so that valgrind stops tracking them there.
#if defined(WSSL_CT_VALGRIND)
#include <valgrind/memcheck.h>
#define WSSL_DECLASSIFY(p, n) VALGRIND_MAKE_MEM_DEFINED(p, n)
#else
#define WSSL_DECLASSIFY(p, n) ((void)0)
#endif

// The hot functions stay out of line: one copy each keeps the .wasm small (inlining them into
// every caller cost kilobytes for little speed).
#define WSSL_NOINLINE __attribute__((noinline))

#if defined(__clang__)
#define WSSL_UNROLL _Pragma("clang loop unroll(full)")
#else
#define WSSL_UNROLL
#endif

namespace wssl::crypto::p256 {
namespace {

struct Num {
  uint32_t v[8];
};

struct Modulus {
  Num m;
  uint32_t m0inv;  // -m^-1 mod 2^32
  Num rr;          // R^2 mod m, R = 2^256: into the Montgomery domain
  Num one;         // R mod m: 1 in the Montgomery domain
};

constexpr Modulus kP = {
    {{0xffffffff, 0xffffffff, 0xffffffff, 0x00000000, 0x00000000, 0x00000000, 0x00000001, 0xffffffff}},
    0x1,
    {{0x00000003, 0x00000000, 0xffffffff, 0xfffffffb, 0xfffffffe, 0xffffffff, 0xfffffffd, 0x00000004}},
    {{0x00000001, 0x00000000, 0x00000000, 0xffffffff, 0xffffffff, 0xffffffff, 0xfffffffe, 0x00000000}}};

constexpr Modulus kN = {
    {{0xfc632551, 0xf3b9cac2, 0xa7179e84, 0xbce6faad, 0xffffffff, 0xffffffff, 0x00000000, 0xffffffff}},
    0xee00bc4f,
    {{0xbe79eea2, 0x83244c95, 0x49bd6fa6, 0x4699799c, 0x2b6bec59, 0x2845b239, 0xf3d95620, 0x66e12d94}},
    {{0x039cdaaf, 0x0c46353d, 0x58e8617b, 0x43190552, 0x00000000, 0x00000000, 0xffffffff, 0x00000000}}};

// The curve's b and the generator, in the Montgomery domain of p.
constexpr Num kB = {{0x29c4bddf, 0xd89cdf62, 0x78843090, 0xacf005cd, 0xf7212ed6, 0xe5a220ab, 0x04874834, 0xdc30061d}};
constexpr Num kGx = {{0x18a9143c, 0x79e730d4, 0x5fedb601, 0x75ba95fc, 0x77622510, 0x79fb732b, 0xa53755c6, 0x18905f76}};
constexpr Num kGy = {{0xce95560a, 0xddf25357, 0xba19e45c, 0x8b4ab8e4, 0xdd21f325, 0xd2e88688, 0x25885d85, 0x8571ff18}};

// ---- 256-bit integers ----

uint32_t add(Num &r, const Num &a, const Num &b) {  // returns the carry
  uint64_t c = 0;
  WSSL_UNROLL for (int i = 0; i < 8; i++) {
    c += uint64_t{a.v[i]} + b.v[i];
    r.v[i] = uint32_t(c);
    c >>= 32;
  }
  return uint32_t(c);
}

uint32_t sub(Num &r, const Num &a, const Num &b) {  // returns the borrow
  uint64_t c = 0;
  WSSL_UNROLL for (int i = 0; i < 8; i++) {
    c = uint64_t{a.v[i]} - b.v[i] - c;
    r.v[i] = uint32_t(c);
    c = (c >> 32) & 1;
  }
  return uint32_t(c);
}

// r = mask ? a : b, mask all ones or zero.
void select(Num &r, uint32_t mask, const Num &a, const Num &b) {
  WSSL_UNROLL for (int i = 0; i < 8; i++) r.v[i] = (a.v[i] & mask) | (b.v[i] & ~mask);
}

uint32_t is_zero_mask(const Num &a) {  // all ones when a == 0
  uint32_t x = 0;
  for (int i = 0; i < 8; i++) x |= a.v[i];
  return ((x | (0 - x)) >> 31) - 1;
}

bool less_than(const Num &a, const Num &m) {
  Num t;
  return sub(t, a, m) != 0;
}

WSSL_NOINLINE void from_bytes(Num &r, const uint8_t in[32]) {
  for (int i = 0; i < 8; i++) {
    const uint8_t *p = in + 28 - 4 * i;
    r.v[i] = (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
  }
}

WSSL_NOINLINE void to_bytes(uint8_t out[32], const Num &a) {
  for (int i = 0; i < 8; i++) {
    uint8_t *p = out + 28 - 4 * i;
    p[0] = uint8_t(a.v[i] >> 24); p[1] = uint8_t(a.v[i] >> 16);
    p[2] = uint8_t(a.v[i] >> 8);  p[3] = uint8_t(a.v[i]);
  }
}

// ---- arithmetic modulo m (inputs and outputs below m) ----

WSSL_NOINLINE void add_mod(Num &r, const Num &a, const Num &b, const Modulus &M) {
  Num t, u;
  const uint32_t carry = add(t, a, b);
  const uint32_t borrow = sub(u, t, M.m);
  select(r, 0 - (carry | (borrow ^ 1)), u, t);
}

WSSL_NOINLINE void sub_mod(Num &r, const Num &a, const Num &b, const Modulus &M) {
  Num t, u;
  const uint32_t borrow = sub(t, a, b);
  add(u, t, M.m);
  select(r, 0 - borrow, u, t);
}

// Montgomery multiplication (CIOS): r = a * b / 2^256 mod m.
WSSL_NOINLINE void mont_mul(Num &r, const Num &a, const Num &b, const Modulus &M) {
  uint32_t t[10] = {0};
  for (int i = 0; i < 8; i++) {
    uint64_t c = 0;
    const uint64_t bi = b.v[i];
    WSSL_UNROLL for (int j = 0; j < 8; j++) {
      c += a.v[j] * bi + t[j];
      t[j] = uint32_t(c);
      c >>= 32;
    }
    c += t[8];
    t[8] = uint32_t(c);
    t[9] = uint32_t(c >> 32);
    const uint64_t u = uint32_t(t[0] * M.m0inv);
    c = (u * M.m.v[0] + t[0]) >> 32;
    WSSL_UNROLL for (int j = 1; j < 8; j++) {
      c += u * M.m.v[j] + t[j];
      t[j - 1] = uint32_t(c);
      c >>= 32;
    }
    c += t[8];
    t[7] = uint32_t(c);
    t[8] = t[9] + uint32_t(c >> 32);
  }
  Num lo, reduced;
  std::memcpy(lo.v, t, sizeof lo.v);
  const uint32_t borrow = sub(reduced, lo, M.m);  // the result is below 2m: one subtraction
  select(r, 0 - (t[8] | (borrow ^ 1)), reduced, lo);
}

WSSL_NOINLINE void to_mont(Num &r, const Num &a, const Modulus &M) { mont_mul(r, a, M.rr, M); }

WSSL_NOINLINE void from_mont(Num &r, const Num &a, const Modulus &M) {
  const Num one = {{1}};
  mont_mul(r, a, one, M);
}

// a^e in the Montgomery domain, e public (m - 2 for an inverse): a 4-bit window whose table
// index is the public exponent's, so the work does not depend on a.
WSSL_NOINLINE void mont_pow(Num &r, const Num &a, const Num &e, const Modulus &M) {
  Num table[16];
  table[0] = M.one;
  for (int i = 1; i < 16; i++) mont_mul(table[i], table[i - 1], a, M);
  Num acc = M.one;
  for (int i = 63; i >= 0; i--) {
    for (int j = 0; j < 4; j++) mont_mul(acc, acc, acc, M);
    mont_mul(acc, acc, table[(e.v[i / 8] >> (4 * (i % 8))) & 15], M);
  }
  r = acc;
}

void mont_inv(Num &r, const Num &a, const Modulus &M) {  // Fermat: a^(m-2); 0 for 0
  Num e, two = {{2}};
  sub(e, M.m, two);
  mont_pow(r, a, e, M);
}

// ---- field arithmetic (mod p, Montgomery domain) ----

inline void fmul(Num &r, const Num &a, const Num &b) { mont_mul(r, a, b, kP); }
inline void fadd(Num &r, const Num &a, const Num &b) { add_mod(r, a, b, kP); }
inline void fsub(Num &r, const Num &a, const Num &b) { sub_mod(r, a, b, kP); }

// ---- points: projective (X : Y : Z), Montgomery domain; infinity is (0 : 1 : 0) ----

struct Point {
  Num x, y, z;
};

Point infinity() { return Point{{{0}}, kP.one, {{0}}}; }

// Algorithm 4 of Renes-Costello-Batina: complete, valid for P = Q and for infinity.
WSSL_NOINLINE void point_add(Point &out, const Point &p, const Point &q) {
  Num t0, t1, t2, t3, t4, x3, y3, z3;
  fmul(t0, p.x, q.x);
  fmul(t1, p.y, q.y);
  fmul(t2, p.z, q.z);
  fadd(t3, p.x, p.y);
  fadd(t4, q.x, q.y);
  fmul(t3, t3, t4);
  fadd(t4, t0, t1);
  fsub(t3, t3, t4);
  fadd(t4, p.y, p.z);
  fadd(x3, q.y, q.z);
  fmul(t4, t4, x3);
  fadd(x3, t1, t2);
  fsub(t4, t4, x3);
  fadd(x3, p.x, p.z);
  fadd(y3, q.x, q.z);
  fmul(x3, x3, y3);
  fadd(y3, t0, t2);
  fsub(y3, x3, y3);
  fmul(z3, kB, t2);
  fsub(x3, y3, z3);
  fadd(z3, x3, x3);
  fadd(x3, x3, z3);
  fsub(z3, t1, x3);
  fadd(x3, t1, x3);
  fmul(y3, kB, y3);
  fadd(t1, t2, t2);
  fadd(t2, t1, t2);
  fsub(y3, y3, t2);
  fsub(y3, y3, t0);
  fadd(t1, y3, y3);
  fadd(y3, t1, y3);
  fadd(t1, t0, t0);
  fadd(t0, t1, t0);
  fsub(t0, t0, t2);
  fmul(t1, t4, y3);
  fmul(t2, t0, y3);
  fmul(y3, x3, z3);
  fadd(y3, y3, t2);
  fmul(x3, t3, x3);
  fsub(x3, x3, t1);
  fmul(z3, t4, z3);
  fmul(t1, t3, t0);
  fadd(z3, z3, t1);
  out.x = x3;
  out.y = y3;
  out.z = z3;
}

// Algorithm 6 of Renes-Costello-Batina: doubling, a = -3.
WSSL_NOINLINE void point_double(Point &out, const Point &p) {
  Num t0, t1, t2, t3, x3, y3, z3;
  fmul(t0, p.x, p.x);
  fmul(t1, p.y, p.y);
  fmul(t2, p.z, p.z);
  fmul(t3, p.x, p.y);
  fadd(t3, t3, t3);
  fmul(z3, p.x, p.z);
  fadd(z3, z3, z3);
  fmul(y3, kB, t2);
  fsub(y3, y3, z3);
  fadd(x3, y3, y3);
  fadd(y3, x3, y3);
  fsub(x3, t1, y3);
  fadd(y3, t1, y3);
  fmul(y3, x3, y3);
  fmul(x3, x3, t3);
  fadd(t3, t2, t2);
  fadd(t2, t2, t3);
  fmul(z3, kB, z3);
  fsub(z3, z3, t2);
  fsub(z3, z3, t0);
  fadd(t3, z3, z3);
  fadd(z3, z3, t3);
  fadd(t3, t0, t0);
  fadd(t0, t3, t0);
  fsub(t0, t0, t2);
  fmul(t0, t0, z3);
  fadd(y3, y3, t0);
  fmul(t0, p.y, p.z);
  fadd(t0, t0, t0);
  fmul(z3, t0, z3);
  fsub(x3, x3, z3);
  fmul(z3, t0, t1);
  fadd(z3, z3, z3);
  fadd(z3, z3, z3);
  out.x = x3;
  out.y = y3;
  out.z = z3;
}

// 0, P, 2P, ..., 15P.
WSSL_NOINLINE void window_table(Point table[16], const Point &p) {
  table[0] = infinity();
  table[1] = p;
  for (int i = 2; i < 16; i++) {
    if (i % 2 == 0) point_double(table[i], table[i / 2]);
    else point_add(table[i], table[i - 1], p);
  }
}

// table[index], reading every entry: the memory touched does not depend on a secret index.
void lookup(Point &out, const Point table[16], uint32_t index) {
  out = infinity();
  for (uint32_t i = 0; i < 16; i++) {
    const uint32_t diff = i ^ index;
    const uint32_t mask = ((diff | (0 - diff)) >> 31) - 1;  // all ones when i == index
    select(out.x, mask, table[i].x, out.x);
    select(out.y, mask, table[i].y, out.y);
    select(out.z, mask, table[i].z, out.z);
  }
}

inline uint32_t nibble(const uint8_t k[32], int i) {  // i-th 4-bit digit from the top
  return (k[i / 2] >> ((i % 2) ? 0 : 4)) & 15;
}

// k * P for a secret k: 64 rounds of four doublings and one addition, whatever k is.
void mul_secret(Point &out, const uint8_t k[32], const Point &p) {
  Point table[16], acc = infinity(), t;
  window_table(table, p);
  for (int i = 0; i < 64; i++) {
    if (i != 0) {
      for (int j = 0; j < 4; j++) point_double(acc, acc);
    }
    lookup(t, table, nibble(k, i));
    point_add(acc, acc, t);
  }
  out = acc;
}

// ---- verification only (public inputs, variable time): Jacobian coordinates ----
// (X : Y : Z) stands for (X / Z^2, Y / Z^3); infinity has Z = 0. Doubling costs 8
// multiplications here against 13 for the complete formula, and verification is mostly
// doublings; the special cases the complete formulas avoid are simply branched on.

struct Jacobian {
  Num x, y, z;
};

bool is_zero(const Num &a) { return is_zero_mask(a) != 0; }

// dbl-2001-b (a = -3): delta = Z^2, gamma = Y^2, beta = X gamma, alpha = 3 (X - delta)(X + delta).
WSSL_NOINLINE void jacobian_double(Jacobian &out, const Jacobian &p) {
  Num delta, gamma, beta, alpha, t, u;
  fmul(delta, p.z, p.z);
  fmul(gamma, p.y, p.y);
  fmul(beta, p.x, gamma);
  fsub(t, p.x, delta);
  fadd(u, p.x, delta);
  fmul(alpha, t, u);
  fadd(t, alpha, alpha);
  fadd(alpha, t, alpha);
  fadd(t, p.y, p.z);  // Z3 = (Y + Z)^2 - gamma - delta (before X, Y are overwritten)
  fmul(t, t, t);
  fsub(t, t, gamma);
  fsub(out.z, t, delta);
  fadd(beta, beta, beta);  // 2 beta
  fadd(beta, beta, beta);  // 4 beta
  fmul(t, alpha, alpha);
  fadd(u, beta, beta);     // 8 beta
  fsub(out.x, t, u);       // X3 = alpha^2 - 8 beta
  fsub(t, beta, out.x);
  fmul(t, alpha, t);
  fmul(gamma, gamma, gamma);
  fadd(gamma, gamma, gamma);
  fadd(gamma, gamma, gamma);
  fadd(gamma, gamma, gamma);  // 8 gamma^2
  fsub(out.y, t, gamma);      // Y3 = alpha (4 beta - X3) - 8 gamma^2
}

// add-2007-bl, with the cases it does not cover (infinity, P = Q, P = -Q) branched on.
WSSL_NOINLINE void jacobian_add(Jacobian &out, const Jacobian &p, const Jacobian &q) {
  if (is_zero(p.z)) { out = q; return; }
  if (is_zero(q.z)) { out = p; return; }
  Num z1z1, z2z2, u1, u2, s1, s2, h, i, j, r, v, t;
  fmul(z1z1, p.z, p.z);
  fmul(z2z2, q.z, q.z);
  fmul(u1, p.x, z2z2);
  fmul(u2, q.x, z1z1);
  fmul(s1, p.y, q.z);
  fmul(s1, s1, z2z2);
  fmul(s2, q.y, p.z);
  fmul(s2, s2, z1z1);
  fsub(h, u2, u1);
  fsub(r, s2, s1);
  if (is_zero(h)) {
    if (is_zero(r)) {
      jacobian_double(out, p);
    } else {
      out = Jacobian{{{0}}, kP.one, {{0}}};  // P + (-P)
    }
    return;
  }
  fadd(i, h, h);
  fmul(i, i, i);
  fmul(j, h, i);
  fadd(r, r, r);
  fmul(v, u1, i);
  Num z3;
  fadd(t, p.z, q.z);
  fmul(t, t, t);
  fsub(t, t, z1z1);
  fsub(t, t, z2z2);
  fmul(z3, t, h);
  fmul(t, r, r);
  fsub(t, t, j);
  fsub(t, t, v);
  fsub(out.x, t, v);  // X3 = r^2 - J - 2V
  fsub(t, v, out.x);
  fmul(t, r, t);
  fmul(s1, s1, j);
  fadd(s1, s1, s1);
  fsub(out.y, t, s1);  // Y3 = r (V - X3) - 2 S1 J
  out.z = z3;
}

// 0, P, 2P, ..., 15P from an affine P (Z = 1).
void jacobian_table(Jacobian table[16], const Point &p) {
  table[0] = Jacobian{{{0}}, kP.one, {{0}}};
  table[1] = Jacobian{p.x, p.y, kP.one};
  for (int i = 2; i < 16; i++) {
    if (i % 2 == 0) jacobian_double(table[i], table[i / 2]);
    else jacobian_add(table[i], table[i - 1], table[1]);
  }
}

// x of u1 * G + u2 * Q (affine, out of the Montgomery domain); false for infinity. Both
// 4-bit windows at once; zero digits skipped.
bool mul_public_pair_x(Num &x, const uint8_t u1[32], const Point &g, const uint8_t u2[32],
                       const Point &q) {
  Jacobian tg[16], tq[16], acc = {{{0}}, kP.one, {{0}}};
  jacobian_table(tg, g);
  jacobian_table(tq, q);
  for (int i = 0; i < 64; i++) {
    if (i != 0) {
      for (int j = 0; j < 4; j++) jacobian_double(acc, acc);
    }
    if (const uint32_t d = nibble(u1, i)) jacobian_add(acc, acc, tg[d]);
    if (const uint32_t d = nibble(u2, i)) jacobian_add(acc, acc, tq[d]);
  }
  if (is_zero(acc.z)) return false;
  Num zinv, t;
  mont_inv(zinv, acc.z, kP);
  fmul(zinv, zinv, zinv);
  fmul(t, acc.x, zinv);
  from_mont(x, t, kP);
  return true;
}

// Affine x (and y) out of the Montgomery domain; false for the point at infinity.
WSSL_NOINLINE bool to_affine(Num &x, Num *y, const Point &p) {
  Num zinv, t;
  mont_inv(zinv, p.z, kP);
  fmul(t, p.x, zinv);
  from_mont(x, t, kP);
  if (y != nullptr) {
    fmul(t, p.y, zinv);
    from_mont(*y, t, kP);
  }
  uint32_t at_infinity = is_zero_mask(p.z);
  WSSL_DECLASSIFY(&at_infinity, sizeof at_infinity);
  return at_infinity == 0;
}

// Loads an affine point given as bytes: both coordinates below p, y^2 = x^3 - 3x + b.
WSSL_NOINLINE bool load_point(Point &out, const uint8_t px[32], const uint8_t py[32]) {
  Num x, y;
  from_bytes(x, px);
  from_bytes(y, py);
  if (!less_than(x, kP.m) || !less_than(y, kP.m)) return false;
  to_mont(out.x, x, kP);
  to_mont(out.y, y, kP);
  out.z = kP.one;
  Num lhs, rhs, t;
  fmul(lhs, out.y, out.y);
  fmul(t, out.x, out.x);
  fmul(rhs, t, out.x);
  fsub(rhs, rhs, out.x);
  fsub(rhs, rhs, out.x);
  fsub(rhs, rhs, out.x);
  fadd(rhs, rhs, kB);
  Num diff;
  sub(diff, lhs, rhs);
  return is_zero_mask(diff) != 0;
}

Point generator() { return Point{kGx, kGy, kP.one}; }

// a mod n for a < 2^256 (< 2n): one conditional subtraction.
WSSL_NOINLINE void reduce_n(Num &r, const Num &a) {
  Num t;
  const uint32_t borrow = sub(t, a, kN.m);
  select(r, 0 - borrow, a, t);
}

bool in_scalar_range(const Num &a) { return is_zero_mask(a) == 0 && less_than(a, kN.m); }

}  // namespace

bool ecdh(uint8_t x[32], const uint8_t k[32], const uint8_t px[32], const uint8_t py[32]) {
  Point p, r;
  if (!load_point(p, px, py)) return false;
  mul_secret(r, k, p);
  Num ax;
  if (!to_affine(ax, nullptr, r)) return false;
  to_bytes(x, ax);
  return true;
}

bool base_mul(uint8_t x[32], uint8_t y[32], const uint8_t k[32]) {
  Point r;
  mul_secret(r, k, generator());
  Num ax, ay;
  if (!to_affine(ax, &ay, r)) return false;
  to_bytes(x, ax);
  to_bytes(y, ay);
  return true;
}

bool sign(uint8_t r_out[32], uint8_t s_out[32], const uint8_t d_bytes[32], const uint8_t e_bytes[32],
          const uint8_t k_bytes[32]) {
  Point kg;
  mul_secret(kg, k_bytes, generator());
  Num x, r;
  if (!to_affine(x, nullptr, kg)) return false;
  reduce_n(r, x);  // r = x(kG) mod n (public from here on)
  WSSL_DECLASSIFY(&r, sizeof r);
  if (is_zero_mask(r) != 0) return false;

  Num k, d, e, km, kinv, dm, t, s;
  from_bytes(k, k_bytes);
  from_bytes(d, d_bytes);
  from_bytes(e, e_bytes);
  reduce_n(e, e);
  to_mont(km, k, kN);
  mont_inv(kinv, km, kN);  // k^-1 (Montgomery form): a fixed exponentiation, constant time
  to_mont(dm, d, kN);
  mont_mul(t, r, dm, kN);    // r d (a plain times a Montgomery operand: plain)
  add_mod(t, t, e, kN);      // e + r d
  mont_mul(s, t, kinv, kN);  // (e + r d) / k
  WSSL_DECLASSIFY(&s, sizeof s);
  if (is_zero_mask(s) != 0) return false;
  to_bytes(r_out, r);
  to_bytes(s_out, s);
  volatile uint32_t *wipe[] = {k.v, d.v, km.v, kinv.v, dm.v, t.v};
  for (volatile uint32_t *w : wipe)
    for (int i = 0; i < 8; i++) w[i] = 0;
  return true;
}

bool verify(const uint8_t qx[32], const uint8_t qy[32], const uint8_t e_bytes[32],
            const uint8_t r_bytes[32], const uint8_t s_bytes[32]) {
  Num r, s, e;
  from_bytes(r, r_bytes);
  from_bytes(s, s_bytes);
  from_bytes(e, e_bytes);
  if (!in_scalar_range(r) || !in_scalar_range(s)) return false;
  Point q;
  if (!load_point(q, qx, qy)) return false;
  reduce_n(e, e);

  Num sm, w, u1, u2;
  to_mont(sm, s, kN);
  mont_inv(w, sm, kN);     // 1/s, Montgomery form
  mont_mul(u1, e, w, kN);  // e / s (plain times Montgomery: plain)
  mont_mul(u2, r, w, kN);  // r / s
  uint8_t u1_bytes[32], u2_bytes[32];
  to_bytes(u1_bytes, u1);
  to_bytes(u2_bytes, u2);

  Num x, v;
  if (!mul_public_pair_x(x, u1_bytes, generator(), u2_bytes, q)) return false;
  reduce_n(v, x);
  Num diff;
  sub(diff, v, r);
  return is_zero_mask(diff) != 0;
}

}  // namespace wssl::crypto::p256
