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
  return generic_shared(grp, z, Q, d, f_rng, p_rng);
}

#endif  // MBEDTLS_ECDH_COMPUTE_SHARED_ALT
