// mbedtls' supported hooks for elliptic-curve arithmetic (MBEDTLS_ECDH_COMPUTE_SHARED_ALT,
// MBEDTLS_ECDSA_VERIFY_ALT, MBEDTLS_ECDSA_SIGN_ALT; set by the config unless CMake's
// WASM_SSL_ECC=mbedtls): X25519 and P-256 go to src/crypto's own arithmetic, every other curve
// (P-384) to mbedtls' generic ecp.c, as before. Keys and points are validated by mbedtls'
// own checks first, so what is accepted or refused, and with which error, is unchanged.
// An ALT implementation is part of the library: it reads the points' and groups' fields.
#define MBEDTLS_ALLOW_PRIVATE_ACCESS

#include <cstring>

#include "mbedtls/ecdh.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/platform_util.h"


#include "crypto/p256.h"
#include "crypto/x25519.h"

#if defined(MBEDTLS_ECDH_COMPUTE_SHARED_ALT)

namespace {

int x25519_shared(mbedtls_mpi *z, const mbedtls_ecp_point *Q, const mbedtls_mpi *d) {
  uint8_t scalar[32], u[32], out[32];
  int ret = mbedtls_mpi_write_binary_le(d, scalar, sizeof scalar);
  if (ret == 0) ret = mbedtls_mpi_write_binary_le(&Q->X, u, sizeof u);
  if (ret == 0) {
    wssl::crypto::x25519(out, scalar, u);
    uint8_t any = 0;  // RFC 7748 section 6.1: an all-zero secret means a low-order peer point
    for (uint8_t byte : out) any |= byte;
    ret = any == 0 ? MBEDTLS_ERR_ECP_BAD_INPUT_DATA : mbedtls_mpi_read_binary_le(z, out, sizeof out);
  }
  mbedtls_platform_zeroize(scalar, sizeof scalar);
  mbedtls_platform_zeroize(out, sizeof out);
  return ret;
}

int p256_shared(mbedtls_mpi *z, const mbedtls_ecp_point *Q, const mbedtls_mpi *d) {
  uint8_t scalar[32], x[32], y[32], out[32];
  int ret = mbedtls_mpi_write_binary(d, scalar, sizeof scalar);
  if (ret == 0) ret = mbedtls_mpi_write_binary(&Q->X, x, sizeof x);
  if (ret == 0) ret = mbedtls_mpi_write_binary(&Q->Y, y, sizeof y);
  if (ret == 0) {
    ret = wssl::crypto::p256::ecdh(out, scalar, x, y) ? mbedtls_mpi_read_binary(z, out, sizeof out)
                                                      : MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
  }
  mbedtls_platform_zeroize(scalar, sizeof scalar);
  mbedtls_platform_zeroize(out, sizeof out);
  return ret;
}

// SEC1 3.3.1 with mbedtls' own scalar multiplication: the curves without a specialised path.
int generic_shared(mbedtls_ecp_group *grp, mbedtls_mpi *z, const mbedtls_ecp_point *Q,
                   const mbedtls_mpi *d, int (*f_rng)(void *, unsigned char *, size_t),
                   void *p_rng) {
  mbedtls_ecp_point P;
  mbedtls_ecp_point_init(&P);
  int ret = mbedtls_ecp_mul(grp, &P, d, Q, f_rng, p_rng);
  if (ret == 0 && mbedtls_ecp_is_zero(&P)) ret = MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
  if (ret == 0) ret = mbedtls_mpi_copy(z, &P.X);
  mbedtls_ecp_point_free(&P);
  return ret;
}

}  // namespace

int mbedtls_ecdh_compute_shared(mbedtls_ecp_group *grp, mbedtls_mpi *z,
                                const mbedtls_ecp_point *Q, const mbedtls_mpi *d,
                                int (*f_rng)(void *, unsigned char *, size_t), void *p_rng) {
  if (grp->id == MBEDTLS_ECP_DP_CURVE25519) {
    // The checks mbedtls_ecp_mul makes: a clamped scalar, a peer value of at most 32 bytes
    // that is none of the known low-order points (whatever its encoding).
    int ret = mbedtls_ecp_check_privkey(grp, d);
    if (ret == 0) ret = mbedtls_ecp_check_pubkey(grp, Q);
    return ret != 0 ? ret : x25519_shared(z, Q, d);
  }
  if (grp->id == MBEDTLS_ECP_DP_SECP256R1) {
    // mbedtls_ecp_mul's checks: 1 <= d < n, Q an affine point on the curve.
    int ret = mbedtls_ecp_check_privkey(grp, d);
    if (ret == 0) ret = mbedtls_ecp_check_pubkey(grp, Q);
    return ret != 0 ? ret : p256_shared(z, Q, d);
  }
  return generic_shared(grp, z, Q, d, f_rng, p_rng);
}

#endif  // MBEDTLS_ECDH_COMPUTE_SHARED_ALT

#if defined(MBEDTLS_ECDSA_VERIFY_ALT) || defined(MBEDTLS_ECDSA_SIGN_ALT)

namespace {

// SEC1 4.1.3 step 5 / 4.1.4 step 3: the hash's leftmost bits as an integer, at most n's size,
// reduced mod n (once: it is below 2n).
int hash_to_mpi(const mbedtls_ecp_group *grp, mbedtls_mpi *e, const unsigned char *buf,
                size_t blen) {
  const size_t n_size = (grp->nbits + 7) / 8, use = blen > n_size ? n_size : blen;
  int ret = mbedtls_mpi_read_binary(e, buf, use);
  if (ret == 0 && use * 8 > grp->nbits) ret = mbedtls_mpi_shift_r(e, use * 8 - grp->nbits);
  if (ret == 0 && mbedtls_mpi_cmp_mpi(e, &grp->N) >= 0) ret = mbedtls_mpi_sub_mpi(e, e, &grp->N);
  return ret;
}

// The same for P-256 as 32 big-endian bytes (not yet reduced: p256.cpp reduces).
void p256_hash_bytes(uint8_t e[32], const unsigned char *buf, size_t blen) {
  const size_t use = blen > 32 ? 32 : blen;
  std::memset(e, 0, 32);
  std::memcpy(e + 32 - use, buf, use);
}

bool in_range(const mbedtls_mpi *v, const mbedtls_mpi *n) {
  return mbedtls_mpi_cmp_int(v, 1) >= 0 && mbedtls_mpi_cmp_mpi(v, n) < 0;
}

}  // namespace

#endif

#if defined(MBEDTLS_ECDSA_VERIFY_ALT)

namespace {

// SEC1 4.1.4 with mbedtls' generic arithmetic: the curves without a specialised path.
int generic_verify(mbedtls_ecp_group *grp, const unsigned char *buf, size_t blen,
                   const mbedtls_ecp_point *Q, const mbedtls_mpi *r, const mbedtls_mpi *s) {
  mbedtls_mpi e, s_inv, u1, u2;
  mbedtls_ecp_point R;
  mbedtls_mpi_init(&e); mbedtls_mpi_init(&s_inv); mbedtls_mpi_init(&u1); mbedtls_mpi_init(&u2);
  mbedtls_ecp_point_init(&R);
  int ret = hash_to_mpi(grp, &e, buf, blen);
  if (ret == 0) ret = mbedtls_mpi_inv_mod(&s_inv, s, &grp->N);
  if (ret == 0) ret = mbedtls_mpi_mul_mpi(&u1, &e, &s_inv);
  if (ret == 0) ret = mbedtls_mpi_mod_mpi(&u1, &u1, &grp->N);
  if (ret == 0) ret = mbedtls_mpi_mul_mpi(&u2, r, &s_inv);
  if (ret == 0) ret = mbedtls_mpi_mod_mpi(&u2, &u2, &grp->N);
  if (ret == 0) ret = mbedtls_ecp_muladd(grp, &R, &u1, &grp->G, &u2, Q);
  if (ret == 0 && mbedtls_ecp_is_zero(&R)) ret = MBEDTLS_ERR_ECP_VERIFY_FAILED;
  if (ret == 0) ret = mbedtls_mpi_mod_mpi(&R.X, &R.X, &grp->N);
  if (ret == 0 && mbedtls_mpi_cmp_mpi(&R.X, r) != 0) ret = MBEDTLS_ERR_ECP_VERIFY_FAILED;
  mbedtls_mpi_free(&e); mbedtls_mpi_free(&s_inv); mbedtls_mpi_free(&u1); mbedtls_mpi_free(&u2);
  mbedtls_ecp_point_free(&R);
  return ret;
}

int p256_verify(const unsigned char *buf, size_t blen, const mbedtls_ecp_point *Q,
                const mbedtls_mpi *r, const mbedtls_mpi *s) {
  uint8_t qx[32], qy[32], rb[32], sb[32], e[32];
  int ret = mbedtls_mpi_write_binary(&Q->X, qx, 32);
  if (ret == 0) ret = mbedtls_mpi_write_binary(&Q->Y, qy, 32);
  if (ret == 0) ret = mbedtls_mpi_write_binary(r, rb, 32);
  if (ret == 0) ret = mbedtls_mpi_write_binary(s, sb, 32);
  if (ret != 0) return ret;
  p256_hash_bytes(e, buf, blen);
  return wssl::crypto::p256::verify(qx, qy, e, rb, sb) ? 0 : MBEDTLS_ERR_ECP_VERIFY_FAILED;
}

}  // namespace

int mbedtls_ecdsa_verify(mbedtls_ecp_group *grp, const unsigned char *buf, size_t blen,
                         const mbedtls_ecp_point *Q, const mbedtls_mpi *r, const mbedtls_mpi *s) {
  if (!mbedtls_ecdsa_can_do(grp->id) || grp->N.p == nullptr) return MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
  if (!in_range(r, &grp->N) || !in_range(s, &grp->N)) return MBEDTLS_ERR_ECP_VERIFY_FAILED;
  if (grp->id != MBEDTLS_ECP_DP_SECP256R1) return generic_verify(grp, buf, blen, Q, r, s);
  const int ret = mbedtls_ecp_check_pubkey(grp, Q);  // as mbedtls_ecp_muladd checks it
  return ret != 0 ? ret : p256_verify(buf, blen, Q, r, s);
}

#endif  // MBEDTLS_ECDSA_VERIFY_ALT

#if defined(MBEDTLS_ECDSA_SIGN_ALT)

namespace {

constexpr int kMaxTries = 10;  // as mbedtls: a nonce giving r = 0 or s = 0 is drawn again

// SEC1 4.1.3 with mbedtls' generic arithmetic: the curves without a specialised path.
int generic_sign(mbedtls_ecp_group *grp, mbedtls_mpi *r, mbedtls_mpi *s, const mbedtls_mpi *d,
                 const unsigned char *buf, size_t blen,
                 int (*f_rng)(void *, unsigned char *, size_t), void *p_rng) {
  mbedtls_mpi k, e, k_inv;
  mbedtls_ecp_point R;
  mbedtls_mpi_init(&k); mbedtls_mpi_init(&e); mbedtls_mpi_init(&k_inv);
  mbedtls_ecp_point_init(&R);
  int ret = MBEDTLS_ERR_ECP_RANDOM_FAILED;
  for (int tries = 0; tries < kMaxTries; tries++) {
    ret = mbedtls_ecp_gen_privkey(grp, &k, f_rng, p_rng);
    if (ret == 0) ret = mbedtls_ecp_mul(grp, &R, &k, &grp->G, f_rng, p_rng);
    if (ret == 0) ret = mbedtls_mpi_mod_mpi(r, &R.X, &grp->N);
    if (ret == 0) ret = hash_to_mpi(grp, &e, buf, blen);
    if (ret == 0) ret = mbedtls_mpi_mul_mpi(s, r, d);
    if (ret == 0) ret = mbedtls_mpi_add_mpi(&e, &e, s);
    if (ret == 0) ret = mbedtls_mpi_inv_mod(&k_inv, &k, &grp->N);
    if (ret == 0) ret = mbedtls_mpi_mul_mpi(s, &k_inv, &e);
    if (ret == 0) ret = mbedtls_mpi_mod_mpi(s, s, &grp->N);
    if (ret != 0) break;
    if (mbedtls_mpi_cmp_int(r, 0) != 0 && mbedtls_mpi_cmp_int(s, 0) != 0) break;
    ret = MBEDTLS_ERR_ECP_RANDOM_FAILED;
  }
  mbedtls_mpi_free(&k); mbedtls_mpi_free(&e); mbedtls_mpi_free(&k_inv);
  mbedtls_ecp_point_free(&R);
  return ret;
}

int p256_sign(mbedtls_ecp_group *grp, mbedtls_mpi *r, mbedtls_mpi *s, const mbedtls_mpi *d,
              const unsigned char *buf, size_t blen,
              int (*f_rng)(void *, unsigned char *, size_t), void *p_rng) {
  uint8_t db[32], kb[32], e[32], rb[32], sb[32];
  mbedtls_mpi k;
  mbedtls_mpi_init(&k);
  p256_hash_bytes(e, buf, blen);
  int ret = mbedtls_mpi_write_binary(d, db, 32);
  for (int tries = 0; ret == 0; tries++) {
    if (tries == kMaxTries) {
      ret = MBEDTLS_ERR_ECP_RANDOM_FAILED;
      break;
    }
    // The nonce as mbedtls draws it: with RFC 6979's HMAC_DRBG as f_rng (the deterministic
    // signatures), the very k of RFC 6979 section 3.2.
    ret = mbedtls_ecp_gen_privkey(grp, &k, f_rng, p_rng);
    if (ret == 0) ret = mbedtls_mpi_write_binary(&k, kb, 32);
    if (ret == 0 && wssl::crypto::p256::sign(rb, sb, db, e, kb)) {
      ret = mbedtls_mpi_read_binary(r, rb, 32);
      if (ret == 0) ret = mbedtls_mpi_read_binary(s, sb, 32);
      break;
    }
  }
  mbedtls_mpi_free(&k);
  mbedtls_platform_zeroize(db, sizeof db);
  mbedtls_platform_zeroize(kb, sizeof kb);
  return ret;
}

}  // namespace

int mbedtls_ecdsa_sign(mbedtls_ecp_group *grp, mbedtls_mpi *r, mbedtls_mpi *s,
                       const mbedtls_mpi *d, const unsigned char *buf, size_t blen,
                       int (*f_rng)(void *, unsigned char *, size_t), void *p_rng) {
  if (!mbedtls_ecdsa_can_do(grp->id) || grp->N.p == nullptr) return MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
  if (!in_range(d, &grp->N)) return MBEDTLS_ERR_ECP_INVALID_KEY;
  if (grp->id == MBEDTLS_ECP_DP_SECP256R1) return p256_sign(grp, r, s, d, buf, blen, f_rng, p_rng);
  return generic_sign(grp, r, s, d, buf, blen, f_rng, p_rng);
}

#endif  // MBEDTLS_ECDSA_SIGN_ALT

