// AES encryption (FIPS-197) for mbedtls (MBEDTLS_AES_ALT), bitsliced: no memory access and no
// branch depends on the key or the data. mbedtls' own AES looks bytes up in tables, which leaks
// them through the cache; WebAssembly has no AES instructions to fall back on.
//
// Bitsliced: a batch of blocks is held as 8 words, word b carrying bit b of every byte of every
// block, so SubBytes becomes one boolean circuit applied to whole words (the S-box circuit of
// Boyar and Peralta, "A depth-16 circuit for the AES S-box", 2011: 113 gates). Checked with
// FIPS-197's and the GCM specification's known answers and against OpenSSL on random inputs
// (tests/native/aes_gcm_test.cpp), by TLS with OpenSSL in wasm (tests/wasm/aes_gcm.test.js).
//  - Compiled with -msimd128 (the default wasm builds): a word is a v128 and a batch 8 blocks;
//    byte j of a word is state byte (row j / 4, column j % 4), its bit k is block k. ShiftRows
//    and MixColumns' row rotations are then byte shuffles.
//  - Otherwise (the *_scalar fallbacks, native builds): a word is 64 bits and a batch 4 blocks;
//    nibble j is state byte (row j / 4, column j % 4), its bit k is block k. The row rotations
//    are rotations of the whole word, ShiftRows a few masked shifts.
// Decryption (the inverse cipher of FIPS-197 5.3, for the CBC suites) reuses the S-box circuit:
// InvSubBytes(x) = B(S(B(x) ^ 5)) ^ 5 with B the linear part of the inverse affine map
// (Canright, "A very compact Rijndael S-box", 2005), and InvMixColumns is MixColumns after the
// circulant (05 00 04 00) (Daemen and Rijmen, "The Design of Rijndael", 4.1.3). It is built only
// when the configuration wants it (no MBEDTLS_BLOCK_CIPHER_NO_DECRYPT).
#include <cstdint>
#include <cstring>
#include <initializer_list>

#include "mbedtls/aes.h"
#include "mbedtls/platform_util.h"

#if defined(MBEDTLS_AES_ALT)

#include "crypto/aes_blocks.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace {

#if defined(__wasm_simd128__)
using Word = v128_t;
constexpr size_t kBatch = 8;
inline Word splat_byte(uint8_t b) { return wasm_i8x16_splat(static_cast<int8_t>(b)); }
inline Word shr(Word x, int n) { return wasm_u64x2_shr(x, n); }
inline Word shl(Word x, int n) { return wasm_i64x2_shl(x, n); }
// Row r of the state, rotated left by r columns.
inline Word shift_rows(Word x) {
  return wasm_i8x16_shuffle(x, x, 0, 1, 2, 3, 5, 6, 7, 4, 10, 11, 8, 9, 15, 12, 13, 14);
}
inline Word inv_shift_rows(Word x) {
  return wasm_i8x16_shuffle(x, x, 0, 1, 2, 3, 7, 4, 5, 6, 10, 11, 8, 9, 13, 14, 15, 12);
}
// Row r takes the bytes of row r + 1 (mod 4), or of row r + 2.
inline Word next_row(Word x) {
  return wasm_i8x16_shuffle(x, x, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3);
}
inline Word row_after_next(Word x) {
  return wasm_i8x16_shuffle(x, x, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
}
inline Word load_word(const uint64_t *p) { return wasm_v128_load(p); }
inline void store_word(uint64_t *p, Word w) { wasm_v128_store(p, w); }
constexpr size_t kWordU64 = 2;
#else
using Word = uint64_t;
constexpr size_t kBatch = 4;
inline Word splat_byte(uint8_t b) { return 0x0101010101010101ull * b; }
inline Word shr(Word x, int n) { return x >> n; }
inline Word shl(Word x, int n) { return x << n; }
// Row r (bits 16r .. 16r + 15) rotated left by r columns (nibbles), i.e. right by 4r bits.
inline Word shift_rows(Word x) {
  return (x & 0x000000000000FFFFull) |
         ((x >> 4) & 0x000000000FFF0000ull) | ((x << 12) & 0x00000000F0000000ull) |
         ((x >> 8) & 0x000000FF00000000ull) | ((x << 8) & 0x0000FF0000000000ull) |
         ((x >> 12) & 0x000F000000000000ull) | ((x << 4) & 0xFFF0000000000000ull);
}
// Row r rotated right by r columns: left by 4r bits within the row.
inline Word inv_shift_rows(Word x) {
  return (x & 0x000000000000FFFFull) |
         ((x << 4) & 0x00000000FFF00000ull) | ((x >> 12) & 0x00000000000F0000ull) |
         ((x >> 8) & 0x000000FF00000000ull) | ((x << 8) & 0x0000FF0000000000ull) |
         ((x << 12) & 0xF000000000000000ull) | ((x >> 4) & 0x0FFF000000000000ull);
}
inline Word next_row(Word x) { return (x >> 16) | (x << 48); }
inline Word row_after_next(Word x) { return (x >> 32) | (x << 32); }
inline Word load_word(const uint64_t *p) { return *p; }
inline void store_word(uint64_t *p, Word w) { *p = w; }
constexpr size_t kWordU64 = 1;
#endif

constexpr size_t kBatchBytes = 16 * kBatch;
static_assert(15 * 8 * kWordU64 <= sizeof(mbedtls_aes_context::round_keys) / sizeof(uint64_t),
              "aes_alt.h: room for 15 bitsliced round keys");

// Bits under `mask` of b trade places with the bits `shift` positions higher in a.
inline void swap_bits(Word &a, Word &b, int shift, Word mask) {
  Word t = (shr(a, shift) ^ b) & mask;
  b ^= t;
  a ^= shl(t, shift);
}

// Within every byte lane, the 8x8 bit matrix (word i, bit k) is transposed: afterwards word k
// bit i is what word i bit k was. Its own inverse.
inline void transpose8(Word x[8]) {
  const Word m1 = splat_byte(0x55), m2 = splat_byte(0x33), m4 = splat_byte(0x0F);
  for (int i = 0; i < 8; i += 2) swap_bits(x[i], x[i + 1], 1, m1);
  for (int i : {0, 1, 4, 5}) swap_bits(x[i], x[i + 2], 2, m2);
  for (int i = 0; i < 4; ++i) swap_bits(x[i], x[i + 4], 4, m4);
}

// load_batch and store_batch are out of line: encryption and decryption share one copy of each
// (0.6 KB gzip per .wasm; a call per batch of blocks costs nothing measurable).
#if defined(__wasm_simd128__)
// State bytes arrive column by column (FIPS-197's input order); the words want them row by row.
inline Word rows_of(Word block) {
  return wasm_i8x16_shuffle(block, block, 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
}
__attribute__((noinline)) void load_batch(const unsigned char *in, Word s[8]) {
  for (size_t k = 0; k < 8; ++k) s[k] = rows_of(wasm_v128_load(in + 16 * k));
  transpose8(s);
}
__attribute__((noinline)) void store_batch(Word s[8], unsigned char *out) {
  transpose8(s);
  for (size_t k = 0; k < 8; ++k) wasm_v128_store(out + 16 * k, rows_of(s[k]));
}
#else
// Word 4e + k, byte K, before the transpose: state byte (row j / 4, column j % 4), j = 2K + e,
// of block k; that byte's index in the input is 4 * column + row.
constexpr uint8_t kGather[2][8] = {{0, 8, 1, 9, 2, 10, 3, 11}, {4, 12, 5, 13, 6, 14, 7, 15}};
__attribute__((noinline)) void load_batch(const unsigned char *in, Word s[8]) {
  for (size_t k = 0; k < 4; ++k) {
    for (int e = 0; e < 2; ++e) {
      Word w = 0;
      for (int K = 0; K < 8; ++K) w |= Word{in[16 * k + kGather[e][K]]} << (8 * K);
      s[4 * e + k] = w;
    }
  }
  transpose8(s);
}
__attribute__((noinline)) void store_batch(Word s[8], unsigned char *out) {
  transpose8(s);
  for (size_t k = 0; k < 4; ++k) {
    for (int e = 0; e < 2; ++e) {
      for (int K = 0; K < 8; ++K) {
        out[16 * k + kGather[e][K]] = static_cast<unsigned char>(s[4 * e + k] >> (8 * K));
      }
    }
  }
}
#endif

// SubBytes on every byte at once; s[0] is the least significant bit. The circuit: an input
// linear layer (T), the inversion in GF(2^4)-based form (M), an output linear layer (L).
// One copy for the rounds and the key schedule (inlined in both it cost 1.8 KB of module).
__attribute__((noinline)) void sub_bytes(Word s[8]) {
  const Word U0 = s[7], U1 = s[6], U2 = s[5], U3 = s[4], U4 = s[3], U5 = s[2], U6 = s[1], U7 = s[0];
  const Word T1 = U0 ^ U3, T2 = U0 ^ U5, T3 = U0 ^ U6, T4 = U3 ^ U5, T5 = U4 ^ U6;
  const Word T6 = T1 ^ T5, T7 = U1 ^ U2, T8 = U7 ^ T6, T9 = U7 ^ T7, T10 = T6 ^ T7;
  const Word T11 = U1 ^ U5, T12 = U2 ^ U5, T13 = T3 ^ T4, T14 = T6 ^ T11, T15 = T5 ^ T11;
  const Word T16 = T5 ^ T12, T17 = T9 ^ T16, T18 = U3 ^ U7, T19 = T7 ^ T18, T20 = T1 ^ T19;
  const Word T21 = U6 ^ U7, T22 = T7 ^ T21, T23 = T2 ^ T22, T24 = T2 ^ T10, T25 = T20 ^ T17;
  const Word T26 = T3 ^ T16, T27 = T1 ^ T12;

  const Word M1 = T13 & T6, M2 = T23 & T8, M3 = T14 ^ M1, M4 = T19 & U7, M5 = M4 ^ M1;
  const Word M6 = T3 & T16, M7 = T22 & T9, M8 = T26 ^ M6, M9 = T20 & T17, M10 = M9 ^ M6;
  const Word M11 = T1 & T15, M12 = T4 & T27, M13 = M12 ^ M11, M14 = T2 & T10, M15 = M14 ^ M11;
  const Word M16 = M3 ^ M2, M17 = M5 ^ T24, M18 = M8 ^ M7, M19 = M10 ^ M15, M20 = M16 ^ M13;
  const Word M21 = M17 ^ M15, M22 = M18 ^ M13, M23 = M19 ^ T25, M24 = M22 ^ M23;
  const Word M25 = M22 & M20, M26 = M21 ^ M25, M27 = M20 ^ M21, M28 = M23 ^ M25;
  const Word M29 = M28 & M27, M30 = M26 & M24, M31 = M20 & M23, M32 = M27 & M31;
  const Word M33 = M27 ^ M25, M34 = M21 & M22, M35 = M24 & M34, M36 = M24 ^ M25;
  const Word M37 = M21 ^ M29, M38 = M32 ^ M33, M39 = M23 ^ M30, M40 = M35 ^ M36;
  const Word M41 = M38 ^ M40, M42 = M37 ^ M39, M43 = M37 ^ M38, M44 = M39 ^ M40;
  const Word M45 = M42 ^ M41, M46 = M44 & T6, M47 = M40 & T8, M48 = M39 & U7, M49 = M43 & T16;
  const Word M50 = M38 & T9, M51 = M37 & T17, M52 = M42 & T15, M53 = M45 & T27;
  const Word M54 = M41 & T10, M55 = M44 & T13, M56 = M40 & T23, M57 = M39 & T19;
  const Word M58 = M43 & T3, M59 = M38 & T22, M60 = M37 & T20, M61 = M42 & T1;
  const Word M62 = M45 & T4, M63 = M41 & T2;

  const Word L0 = M61 ^ M62, L1 = M50 ^ M56, L2 = M46 ^ M48, L3 = M47 ^ M55, L4 = M54 ^ M58;
  const Word L5 = M49 ^ M61, L6 = M62 ^ L5, L7 = M46 ^ L3, L8 = M51 ^ M59, L9 = M52 ^ M53;
  const Word L10 = M53 ^ L4, L11 = M60 ^ L2, L12 = M48 ^ M51, L13 = M50 ^ L0, L14 = M52 ^ M61;
  const Word L15 = M55 ^ L1, L16 = M56 ^ L0, L17 = M57 ^ L1, L18 = M58 ^ L8, L19 = M63 ^ L4;
  const Word L20 = L0 ^ L1, L21 = L1 ^ L7, L22 = L3 ^ L12, L23 = L18 ^ L2, L24 = L15 ^ L9;
  const Word L25 = L6 ^ L10, L26 = L7 ^ L9, L27 = L8 ^ L10, L28 = L11 ^ L14, L29 = L11 ^ L17;

  s[7] = L6 ^ L24;
  s[6] = ~(L16 ^ L26);
  s[5] = ~(L19 ^ L28);
  s[4] = L6 ^ L21;
  s[3] = L20 ^ L22;
  s[2] = L25 ^ L29;
  s[1] = ~(L13 ^ L27);
  s[0] = ~(L6 ^ L23);
}

// MixColumns: a_r' = 2 a_r + 3 a_(r+1) + a_(r+2) + a_(r+3)
//                  = 2 (a_r + a_(r+1)) + a_(r+1) + (a_(r+2) + a_(r+3)).
void mix_columns(Word s[8]) {
  Word next[8], t[8];
  for (int b = 0; b < 8; ++b) {
    next[b] = next_row(s[b]);
    t[b] = s[b] ^ next[b];
  }
  // 2 t: a shift up one bit, x^8 reduced by x^8 = x^4 + x^3 + x + 1.
  const Word twice[8] = {t[7], t[0] ^ t[7], t[1], t[2] ^ t[7], t[3] ^ t[7], t[4], t[5], t[6]};
  for (int b = 0; b < 8; ++b) s[b] = twice[b] ^ next[b] ^ row_after_next(t[b]);
}

inline void add_round_key(Word s[8], const mbedtls_aes_context &aes, int round) {
  const uint64_t *key = aes.round_keys + 8 * kWordU64 * round;
  for (int b = 0; b < 8; ++b) s[b] ^= load_word(key + kWordU64 * b);
}

void encrypt_batch(const mbedtls_aes_context &aes, const unsigned char *in, unsigned char *out) {
  Word s[8];
  load_batch(in, s);
  add_round_key(s, aes, 0);
  for (int round = 1; round < aes.rounds; ++round) {
    sub_bytes(s);
    for (Word &w : s) w = shift_rows(w);
    mix_columns(s);
    add_round_key(s, aes, round);
  }
  sub_bytes(s);
  for (Word &w : s) w = shift_rows(w);
  add_round_key(s, aes, aes.rounds);
  store_batch(s, out);
}

#if !defined(MBEDTLS_BLOCK_CIPHER_NO_DECRYPT)
// x -> B(x): bit i is x_(i+2) ^ x_(i+5) ^ x_(i+7) (indices mod 8), the linear part of the
// inverse of SubBytes' affine map.
void inverse_affine(Word s[8]) {
  Word x[8];
  for (int i = 0; i < 8; ++i) x[i] = s[i];
  for (int i = 0; i < 8; ++i) s[i] = x[(i + 2) % 8] ^ x[(i + 5) % 8] ^ x[(i + 7) % 8];
}

// InvSubBytes(x) = B(S(B(x) ^ 0x05)) ^ 0x05, since S(y) = A(y^-1) and B undoes A.
void inv_sub_bytes(Word s[8]) {
  inverse_affine(s);
  s[0] = ~s[0], s[2] = ~s[2];
  sub_bytes(s);
  inverse_affine(s);
  s[0] = ~s[0], s[2] = ~s[2];
}

// InvMixColumns = MixColumns after a_r' = a_r + 4 (a_r + a_(r+2)).
void inv_mix_columns(Word s[8]) {
  Word t[8];
  for (int b = 0; b < 8; ++b) t[b] = s[b] ^ row_after_next(s[b]);
  for (int twice = 0; twice < 2; ++twice) {  // t = 2 t, twice (as in mix_columns)
    const Word top = t[7];
    for (int b = 7; b > 0; --b) t[b] = t[b - 1];
    t[0] = top, t[1] ^= top, t[3] ^= top, t[4] ^= top;
  }
  for (int b = 0; b < 8; ++b) s[b] ^= t[b];
  mix_columns(s);
}

void decrypt_batch(const mbedtls_aes_context &aes, const unsigned char *in, unsigned char *out) {
  Word s[8];
  load_batch(in, s);
  add_round_key(s, aes, aes.rounds);
  for (int round = aes.rounds - 1; round > 0; --round) {
    for (Word &w : s) w = inv_shift_rows(w);
    inv_sub_bytes(s);
    add_round_key(s, aes, round);
    inv_mix_columns(s);
  }
  for (Word &w : s) w = inv_shift_rows(w);
  inv_sub_bytes(s);
  add_round_key(s, aes, 0);
  store_batch(s, out);
}
#endif

// SubWord of the key schedule: the same circuit, on a batch holding the word's 4 bytes.
void sub_word(unsigned char w[4]) {
  unsigned char batch[kBatchBytes] = {0};
  std::memcpy(batch, w, 4);
  Word s[8];
  load_batch(batch, s);
  sub_bytes(s);
  store_batch(s, batch);
  std::memcpy(w, batch, 4);
  mbedtls_platform_zeroize(batch, sizeof batch);
  mbedtls_platform_zeroize(s, sizeof s);
}

// FIPS-197 KeyExpansion; each 16-byte round key is then bitsliced by loading it as every
// block of a batch.
int expand_key(mbedtls_aes_context *aes, const unsigned char *key, unsigned keybits) {
  if (keybits != 128 && keybits != 192 && keybits != 256) return MBEDTLS_ERR_AES_INVALID_KEY_LENGTH;
  const unsigned nk = keybits / 32, rounds = nk + 6, words = 4 * (rounds + 1);
  unsigned char w[4 * 60];
  std::memcpy(w, key, 4 * nk);
  unsigned char rcon = 1;
  for (unsigned i = nk; i < words; ++i) {
    unsigned char t[4];
    std::memcpy(t, w + 4 * (i - 1), 4);
    if (i % nk == 0) {
      const unsigned char first = t[0];
      t[0] = t[1], t[1] = t[2], t[2] = t[3], t[3] = first;  // RotWord
      sub_word(t);
      t[0] ^= rcon;
      rcon = static_cast<unsigned char>((rcon << 1) ^ (0x1B * (rcon >> 7)));
    } else if (nk > 6 && i % nk == 4) {
      sub_word(t);
    }
    for (int k = 0; k < 4; ++k) w[4 * i + k] = w[4 * (i - nk) + k] ^ t[k];
  }
  unsigned char batch[kBatchBytes];
  for (unsigned round = 0; round <= rounds; ++round) {
    for (size_t k = 0; k < kBatch; ++k) std::memcpy(batch + 16 * k, w + 16 * round, 16);
    Word s[8];
    load_batch(batch, s);
    for (int b = 0; b < 8; ++b) store_word(aes->round_keys + 8 * kWordU64 * round + kWordU64 * b, s[b]);
    mbedtls_platform_zeroize(s, sizeof s);
  }
  aes->rounds = static_cast<int>(rounds);
  mbedtls_platform_zeroize(w, sizeof w);
  mbedtls_platform_zeroize(batch, sizeof batch);
  return 0;
}

inline uint32_t load_be32(const unsigned char *p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
inline void store_be32(unsigned char *p, uint32_t v) {
  p[0] = static_cast<unsigned char>(v >> 24);
  p[1] = static_cast<unsigned char>(v >> 16);
  p[2] = static_cast<unsigned char>(v >> 8);
  p[3] = static_cast<unsigned char>(v);
}


// One block through a whole batch (the other blocks zero), wiped afterwards.
using BatchFunction = void (*)(const mbedtls_aes_context &, const unsigned char *, unsigned char *);
inline int one_block(BatchFunction batch_function, const mbedtls_aes_context &aes,
                     const unsigned char input[16], unsigned char output[16]) {
  unsigned char batch[kBatchBytes] = {0};
  std::memcpy(batch, input, 16);
  batch_function(aes, batch, batch);
  std::memcpy(output, batch, 16);
  mbedtls_platform_zeroize(batch, sizeof batch);
  return 0;
}
}  // namespace

extern "C" {

void wssl_aes_ctr32(const mbedtls_aes_context *aes, unsigned char counter[16],
                    const unsigned char *in, unsigned char *out, size_t blocks) {
  unsigned char batch[kBatchBytes];
  uint32_t n = load_be32(counter + 12);
  while (blocks > 0) {
    const size_t now = blocks < kBatch ? blocks : kBatch;
    for (size_t k = 0; k < kBatch; ++k) {
      std::memcpy(batch + 16 * k, counter, 12);
      store_be32(batch + 16 * k + 12, n + static_cast<uint32_t>(k));
    }
    encrypt_batch(*aes, batch, batch);
    const size_t bytes = 16 * now;
    if (in == nullptr) {
      std::memcpy(out, batch, bytes);
    } else {
      for (size_t i = 0; i < bytes; i += 8) {  // 8 bytes at a time: blocks are 16
        uint64_t a, b;
        std::memcpy(&a, in + i, 8);
        std::memcpy(&b, batch + i, 8);
        a ^= b;
        std::memcpy(out + i, &a, 8);
      }
      in += bytes;
    }
    out += bytes;
    n += static_cast<uint32_t>(now);
    blocks -= now;
  }
  store_be32(counter + 12, n);
  mbedtls_platform_zeroize(batch, sizeof batch);
}

void mbedtls_aes_init(mbedtls_aes_context *ctx) { mbedtls_platform_zeroize(ctx, sizeof *ctx); }

void mbedtls_aes_free(mbedtls_aes_context *ctx) {
  if (ctx != nullptr) mbedtls_platform_zeroize(ctx, sizeof *ctx);
}

int mbedtls_aes_setkey_enc(mbedtls_aes_context *ctx, const unsigned char *key, unsigned int keybits) {
  return expand_key(ctx, key, keybits);
}

int mbedtls_internal_aes_encrypt(mbedtls_aes_context *ctx, const unsigned char input[16],
                                 unsigned char output[16]) {
  return one_block(encrypt_batch, *ctx, input, output);
}

#if !defined(MBEDTLS_BLOCK_CIPHER_NO_DECRYPT)
// The round keys are the same: decryption walks them backwards.
int mbedtls_aes_setkey_dec(mbedtls_aes_context *ctx, const unsigned char *key, unsigned int keybits) {
  return expand_key(ctx, key, keybits);
}

int mbedtls_internal_aes_decrypt(mbedtls_aes_context *ctx, const unsigned char input[16],
                                 unsigned char output[16]) {
  return one_block(decrypt_batch, *ctx, input, output);
}
#endif

// Without decryption built (MBEDTLS_BLOCK_CIPHER_NO_DECRYPT), asking for it is an error here,
// not a silent encryption.
int mbedtls_aes_crypt_ecb(mbedtls_aes_context *ctx, int mode, const unsigned char input[16],
                          unsigned char output[16]) {
  if (mode == MBEDTLS_AES_ENCRYPT) return mbedtls_internal_aes_encrypt(ctx, input, output);
#if !defined(MBEDTLS_BLOCK_CIPHER_NO_DECRYPT)
  if (mode == MBEDTLS_AES_DECRYPT) return mbedtls_internal_aes_decrypt(ctx, input, output);
#endif
  return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
}

#if defined(MBEDTLS_CIPHER_MODE_CBC)
// CBC: encryption is a chain, one block at a time; decryption takes a whole batch of blocks
// per pass of the bitsliced kernel (each is XORed with the ciphertext block before it).
int mbedtls_aes_crypt_cbc(mbedtls_aes_context *ctx, int mode, size_t length, unsigned char iv[16],
                          const unsigned char *input, unsigned char *output) {
  if (mode != MBEDTLS_AES_ENCRYPT && mode != MBEDTLS_AES_DECRYPT) return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
  if (length % 16 != 0) return MBEDTLS_ERR_AES_INVALID_INPUT_LENGTH;
  unsigned char batch[kBatchBytes] = {0};
  if (mode == MBEDTLS_AES_ENCRYPT) {
    for (; length > 0; length -= 16, input += 16, output += 16) {
      for (int i = 0; i < 16; ++i) batch[i] = static_cast<unsigned char>(input[i] ^ iv[i]);
      encrypt_batch(*ctx, batch, batch);
      std::memcpy(output, batch, 16);
      std::memcpy(iv, batch, 16);
    }
  } else {
    unsigned char cipher[kBatchBytes];  // this batch's ciphertext (output may be input)
    while (length > 0) {
      const size_t bytes = length < kBatchBytes ? length : kBatchBytes;
      std::memcpy(cipher, input, bytes);
      std::memcpy(batch, input, bytes);
      decrypt_batch(*ctx, batch, batch);
      for (size_t i = 0; i < bytes; ++i)
        output[i] = static_cast<unsigned char>(batch[i] ^ (i < 16 ? iv[i] : cipher[i - 16]));
      std::memcpy(iv, cipher + bytes - 16, 16);
      input += bytes, output += bytes, length -= bytes;
    }
  }
  mbedtls_platform_zeroize(batch, sizeof batch);
  return 0;
}
#endif

}  // extern "C"

#endif  // MBEDTLS_AES_ALT
