// src/crypto's X25519 and P-256 against mbedtls' own generic code (ecp.c, ecdh.c, ecdsa.c
// compiled without the hooks and linked ahead of the library: wssl_ecc_reference) on random
// inputs: the same products, the same signatures, verification agreeing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#include "crypto/p256.h"
#include "crypto/x25519.h"
#include "ecc_test_util.h"
#include "mbedtls/ecp.h"

namespace {

namespace p256 = wssl::crypto::p256;
using wssl::crypto::x25519;

// Random inputs per test: `default_rounds` in ctest; WSSL_ECC_DIFFERENTIAL_ROUNDS for long runs.
int rounds(int default_rounds) {
  const char *env = std::getenv("WSSL_ECC_DIFFERENTIAL_ROUNDS");
  return env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : default_rounds;
}

// The reference: mbedtls' generic Montgomery ladder over its bignums (ecp.c), still built.
TEST(X25519, MatchesMbedtlsGenericLadderOnRandomInputs) {
  mbedtls_ecp_group group;
  mbedtls_ecp_group_init(&group);
  ASSERT_EQ(mbedtls_ecp_group_load(&group, MBEDTLS_ECP_DP_CURVE25519), 0);
  for (int i = 0, n = rounds(300); i < n; i++) {
    uint8_t k[32], u[32], ours[32], theirs[32];
    random_bytes(k, 32);
    random_bytes(u, 32);
    k[0] &= 248;
    k[31] = uint8_t((k[31] & 127) | 64);
    u[31] &= 0x7f;
    x25519(ours, k, u);

    mbedtls_mpi d;
    mbedtls_ecp_point P, R;
    mbedtls_mpi_init(&d);
    mbedtls_ecp_point_init(&P);
    mbedtls_ecp_point_init(&R);
    ASSERT_EQ(mbedtls_mpi_read_binary_le(&d, k, 32), 0);
    ASSERT_EQ(mbedtls_ecp_point_read_binary(&group, &P, u, 32), 0);
    ASSERT_EQ(mbedtls_ecp_mul(&group, &R, &d, &P, test_f_rng, nullptr), 0);
    size_t len = 0;
    ASSERT_EQ(mbedtls_ecp_point_write_binary(&group, &R, MBEDTLS_ECP_PF_UNCOMPRESSED, &len, theirs,
                                             32), 0);
    EXPECT_EQ(to_hex(ours, 32), to_hex(theirs, 32)) << "case " << i << " k=" << to_hex(k, 32)
                                                    << " u=" << to_hex(u, 32);
    mbedtls_mpi_free(&d);
    mbedtls_ecp_point_free(&P);
    mbedtls_ecp_point_free(&R);
  }
  mbedtls_ecp_group_free(&group);
}

// Random scalars, points and hashes against mbedtls' generic scalar multiplication and
// bignum arithmetic: the same products, the same signatures, and verification agreeing.
TEST(P256, MatchesMbedtlsGenericArithmeticOnRandomInputs) {
  Mbedtls m;
  for (int i = 0, n = rounds(150); i < n; i++) {
    SCOPED_TRACE(i);
    uint8_t k[32], d[32], e[32], x[32], y[32], theirs[65];
    size_t len = 0;
    ASSERT_EQ(mbedtls_ecp_gen_privkey(&m.group, &m.a, test_f_rng, nullptr), 0);  // d
    ASSERT_EQ(mbedtls_ecp_gen_privkey(&m.group, &m.b, test_f_rng, nullptr), 0);  // k
    ASSERT_EQ(mbedtls_mpi_write_binary(&m.a, d, 32), 0);
    ASSERT_EQ(mbedtls_mpi_write_binary(&m.b, k, 32), 0);
    random_bytes(e, 32);

    // Q = d G: base multiplication.
    ASSERT_EQ(mbedtls_ecp_mul(&m.group, &m.P, &m.a, &m.group.G, test_f_rng, nullptr), 0);
    ASSERT_EQ(mbedtls_ecp_point_write_binary(&m.group, &m.P, MBEDTLS_ECP_PF_UNCOMPRESSED, &len, theirs, 65), 0);
    ASSERT_TRUE(p256::base_mul(x, y, d));
    EXPECT_EQ(to_hex(x, 32) + to_hex(y, 32), to_hex(theirs + 1, 64));

    // k Q: ECDH with a random point.
    ASSERT_EQ(mbedtls_ecp_mul(&m.group, &m.R, &m.b, &m.P, test_f_rng, nullptr), 0);
    ASSERT_TRUE(p256::ecdh(x, k, theirs + 1, theirs + 33));
    EXPECT_EQ(to_hex(x, 32), x_hex(&m, &m.R));

    // The signature with nonce k: r = x(kG) mod n, s = (e + r d) / k mod n.
    uint8_t r[32], s[32];
    ASSERT_TRUE(p256::sign(r, s, d, e, k));
    ASSERT_EQ(mbedtls_ecp_mul(&m.group, &m.R, &m.b, &m.group.G, test_f_rng, nullptr), 0);
    ASSERT_EQ(mbedtls_mpi_read_binary(&m.c, from_hex(x_hex(&m, &m.R)).data(), 32), 0);
    ASSERT_EQ(mbedtls_mpi_mod_mpi(&m.c, &m.c, &m.group.N), 0);
    EXPECT_EQ(to_hex(r, 32), mpi_hex(&m.c));
    ASSERT_EQ(mbedtls_mpi_read_binary(&m.d, e, 32), 0);
    ASSERT_EQ(mbedtls_mpi_mod_mpi(&m.d, &m.d, &m.group.N), 0);
    ASSERT_EQ(mbedtls_mpi_mul_mpi(&m.c, &m.c, &m.a), 0);      // r d
    ASSERT_EQ(mbedtls_mpi_add_mpi(&m.c, &m.c, &m.d), 0);      // + e
    ASSERT_EQ(mbedtls_mpi_inv_mod(&m.d, &m.b, &m.group.N), 0);
    ASSERT_EQ(mbedtls_mpi_mul_mpi(&m.c, &m.c, &m.d), 0);      // / k
    ASSERT_EQ(mbedtls_mpi_mod_mpi(&m.c, &m.c, &m.group.N), 0);
    EXPECT_EQ(to_hex(s, 32), mpi_hex(&m.c));

    EXPECT_TRUE(p256::verify(theirs + 1, theirs + 33, e, r, s));
    e[i % 32] ^= uint8_t(1 << (i % 8));
    EXPECT_FALSE(p256::verify(theirs + 1, theirs + 33, e, r, s));
  }
}

}  // namespace
