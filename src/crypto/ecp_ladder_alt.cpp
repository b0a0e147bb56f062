// mbedtls' Montgomery ladder (ecp.c's ecp_mul_mxz) with src/crypto's field arithmetic for
// Curve25519, through MBEDTLS_ECP_INTERNAL_ALT's per-rung hooks (MBEDTLS_ECP_DOUBLE_ADD_MXZ_ALT,
// MBEDTLS_ECP_NORMALIZE_MXZ_ALT; set by the config unless CMake's WASM_SSL_ECC=mbedtls).
// Key generation (psa_generate_key + psa_export_public_key: every TLS 1.3 key share) runs
// mbedtls_ecp_mul, which has no hook of its own, so this is the way in for it. mbedtls keeps the
// ladder itself: the scalar's bits, its constant-time swaps, its projective randomisation.
// Other curves report "not capable" and keep mbedtls' arithmetic.
#define MBEDTLS_ALLOW_PRIVATE_ACCESS  // part of the library: reads the points' fields

#include "mbedtls/ecp.h"
#include "mbedtls/platform_util.h"

#include "crypto/x25519.h"

#if defined(MBEDTLS_ECP_INTERNAL_ALT)
// The hooks as mbedtls' library/ecp_internal_alt.h declares them (a private header, not on
// every build's include path; ecp.c, which calls them, includes it).
extern "C" {
unsigned char mbedtls_internal_ecp_grp_capable(const mbedtls_ecp_group *grp);
int mbedtls_internal_ecp_init(const mbedtls_ecp_group *grp);
void mbedtls_internal_ecp_free(const mbedtls_ecp_group *grp);
int mbedtls_internal_ecp_double_add_mxz(const mbedtls_ecp_group *grp, mbedtls_ecp_point *R,
                                        mbedtls_ecp_point *S, const mbedtls_ecp_point *P,
                                        const mbedtls_ecp_point *Q, const mbedtls_mpi *d);
int mbedtls_internal_ecp_normalize_mxz(const mbedtls_ecp_group *grp, mbedtls_ecp_point *P);
}

namespace {

int mpi_to_bytes(const mbedtls_mpi *v, uint8_t out[32]) { return mbedtls_mpi_write_binary_le(v, out, 32); }
int bytes_to_mpi(mbedtls_mpi *v, const uint8_t in[32]) { return mbedtls_mpi_read_binary_le(v, in, 32); }

}  // namespace

extern "C" {

unsigned char mbedtls_internal_ecp_grp_capable(const mbedtls_ecp_group *grp) {
  return grp->id == MBEDTLS_ECP_DP_CURVE25519;
}

int mbedtls_internal_ecp_init(const mbedtls_ecp_group *) { return 0; }

void mbedtls_internal_ecp_free(const mbedtls_ecp_group *) {}

int mbedtls_internal_ecp_double_add_mxz(const mbedtls_ecp_group *, mbedtls_ecp_point *R,
                                        mbedtls_ecp_point *S, const mbedtls_ecp_point *P,
                                        const mbedtls_ecp_point *Q, const mbedtls_mpi *d) {
  uint8_t x2[32], z2[32], x3[32], z3[32], x1[32];  // read everything first: R is P, S is Q
  int ret = mpi_to_bytes(&P->X, x2);
  if (ret == 0) ret = mpi_to_bytes(&P->Z, z2);
  if (ret == 0) ret = mpi_to_bytes(&Q->X, x3);
  if (ret == 0) ret = mpi_to_bytes(&Q->Z, z3);
  if (ret == 0) ret = mpi_to_bytes(d, x1);
  if (ret == 0) {
    wssl::crypto::x25519_ladder_step(x2, z2, x3, z3, x1);
    ret = bytes_to_mpi(&R->X, x2);
  }
  if (ret == 0) ret = bytes_to_mpi(&R->Z, z2);
  if (ret == 0) ret = bytes_to_mpi(&S->X, x3);
  if (ret == 0) ret = bytes_to_mpi(&S->Z, z3);
  mbedtls_platform_zeroize(x2, sizeof x2);
  mbedtls_platform_zeroize(z2, sizeof z2);
  mbedtls_platform_zeroize(x3, sizeof x3);
  mbedtls_platform_zeroize(z3, sizeof z3);
  return ret;
}

int mbedtls_internal_ecp_normalize_mxz(const mbedtls_ecp_group *, mbedtls_ecp_point *P) {
  uint8_t x[32], z[32];
  int ret = mpi_to_bytes(&P->X, x);
  if (ret == 0) ret = mpi_to_bytes(&P->Z, z);
  if (ret == 0) {
    wssl::crypto::x25519_divide(x, z);
    ret = bytes_to_mpi(&P->X, x);
  }
  if (ret == 0) ret = mbedtls_mpi_lset(&P->Z, 1);
  return ret;
}

}  // extern "C"

#endif  // MBEDTLS_ECP_INTERNAL_ALT
