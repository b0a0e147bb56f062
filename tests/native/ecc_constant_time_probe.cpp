// Runs one scalar multiplication with the secret scalar marked undefined for valgrind's
// memcheck: any branch or memory index that depends on it is then reported ("conditional jump
// or move depends on uninitialised value", "use of uninitialised value"). Run by
// ecc_constant_time.sh: `own-*` modes must be clean; `mbedtls-*` (mbedtls' generic ecp.c,
// which branches on the scalar) must be flagged, which shows the check can fail.
#include <valgrind/memcheck.h>

#include <cstdio>
#include <cstring>

#include "crypto/p256.h"
#include "crypto/x25519.h"
#include "mbedtls/ecp.h"

namespace {

int fixed_rng(void *, unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++) p[i] = uint8_t(i * 7 + 1);
  return 0;
}

// A scalar and a peer value that are valid for every curve used here.
uint8_t g_scalar[32] = {0x48, 0x3c, 0x11, 0x52, 0x9a, 0x07, 0xee, 0x31, 0x70, 0x2d, 0x5b,
                        0x84, 0x6f, 0x13, 0xc9, 0x2a, 0x99, 0x01, 0xd4, 0x66, 0x3b, 0x87,
                        0x0c, 0x5e, 0xa2, 0x44, 0x19, 0xb7, 0x28, 0x90, 0x3e, 0x41};
const uint8_t kU[32] = {9};

int own_x25519() {
  uint8_t out[32];
  VALGRIND_MAKE_MEM_UNDEFINED(g_scalar, sizeof g_scalar);
  wssl::crypto::x25519(out, g_scalar, kU);
  VALGRIND_MAKE_MEM_DEFINED(out, sizeof out);  // the result is public
  return out[0] == 0x5a ? 2 : 0;               // uses the result, so nothing is optimised out
}

// A point on P-256 (the generator): the peer of the ECDH runs.
const uint8_t kGx[32] = {0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6,
                         0xe5, 0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb,
                         0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96};
const uint8_t kGy[32] = {0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb,
                         0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31,
                         0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5};

int own_p256_ecdh() {
  uint8_t x[32];
  VALGRIND_MAKE_MEM_UNDEFINED(g_scalar, sizeof g_scalar);
  const bool ok = wssl::crypto::p256::ecdh(x, g_scalar, kGx, kGy);
  VALGRIND_MAKE_MEM_DEFINED(x, sizeof x);
  return ok && x[0] != 0x5a ? 0 : 2;
}

int own_p256_sign() {  // the private key and the nonce both secret
  uint8_t nonce[32], hash[32], r[32], s[32];
  for (int i = 0; i < 32; i++) {
    nonce[i] = uint8_t(g_scalar[31 - i] ^ 0x3c);
    hash[i] = uint8_t(i);
  }
  VALGRIND_MAKE_MEM_UNDEFINED(g_scalar, sizeof g_scalar);
  VALGRIND_MAKE_MEM_UNDEFINED(nonce, sizeof nonce);
  const bool ok = wssl::crypto::p256::sign(r, s, g_scalar, hash, nonce);
  VALGRIND_MAKE_MEM_DEFINED(r, sizeof r);
  VALGRIND_MAKE_MEM_DEFINED(s, sizeof s);
  return ok && r[0] != 0x5a ? 0 : 2;
}

int mbedtls_x25519() {
  mbedtls_ecp_group group;
  mbedtls_ecp_point P, R;
  mbedtls_mpi d;
  mbedtls_ecp_group_init(&group);
  mbedtls_ecp_point_init(&P);
  mbedtls_ecp_point_init(&R);
  mbedtls_mpi_init(&d);
  g_scalar[0] &= 248;
  g_scalar[31] = uint8_t((g_scalar[31] & 127) | 64);
  int ret = mbedtls_ecp_group_load(&group, MBEDTLS_ECP_DP_CURVE25519);
  if (ret == 0) ret = mbedtls_ecp_point_read_binary(&group, &P, kU, 32);
  if (ret == 0) ret = mbedtls_mpi_read_binary_le(&d, g_scalar, 32);
  VALGRIND_MAKE_MEM_UNDEFINED(d.private_p, d.private_n * sizeof(mbedtls_mpi_uint));
  if (ret == 0) ret = mbedtls_ecp_mul(&group, &R, &d, &P, fixed_rng, nullptr);
  mbedtls_ecp_group_free(&group);
  mbedtls_ecp_point_free(&P);
  mbedtls_ecp_point_free(&R);
  mbedtls_mpi_free(&d);
  return ret == 0 ? 0 : 3;
}

}  // namespace

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (std::strcmp(mode, "own-x25519") == 0) return own_x25519();
  if (std::strcmp(mode, "own-p256-ecdh") == 0) return own_p256_ecdh();
  if (std::strcmp(mode, "own-p256-sign") == 0) return own_p256_sign();
  if (std::strcmp(mode, "mbedtls-x25519") == 0) return mbedtls_x25519();
  std::fprintf(stderr, "usage: %s own-x25519|own-p256-ecdh|own-p256-sign|mbedtls-x25519\n", argv[0]);
  return 64;
}
