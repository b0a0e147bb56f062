// Helpers shared by the elliptic-curve tests: hex, a seeded test RNG, an mbedtls P-256 group,
// PSA's key agreement.
#ifndef WASM_SSL_TESTS_ECC_TEST_UTIL_H
#define WASM_SSL_TESTS_ECC_TEST_UTIL_H

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mbedtls/ecp.h"
#include "psa/crypto.h"

inline std::vector<uint8_t> from_hex(const std::string &hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(uint8_t(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return out;
}

inline std::string to_hex(const uint8_t *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; i++) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

// Reproducible inputs: a failure names its case, and the same case comes back next run.
inline std::mt19937_64 &test_rng() {
  static std::mt19937_64 rng(0x5eed5eedULL);
  return rng;
}

inline void random_bytes(uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) p[i] = uint8_t(test_rng()());
}

// An mbedtls f_rng over the same generator (blinding inside mbedtls' reference code).
inline int test_f_rng(void *, unsigned char *p, size_t n) {
  random_bytes(p, n);
  return 0;
}

inline std::string mpi_hex(const mbedtls_mpi *v) {
  uint8_t buf[32];
  EXPECT_EQ(mbedtls_mpi_write_binary(v, buf, 32), 0);
  return to_hex(buf, 32);
}

// PSA's ECDH as TLS 1.3 calls it, with the private key d of a curve of `family` and `bits`:
// returns the PSA status, and on success the shared secret in *secret.
inline psa_status_t psa_ecdh(psa_ecc_family_t family, size_t bits, const std::vector<uint8_t> &d,
                             const std::vector<uint8_t> &peer, std::string *secret) {
  EXPECT_EQ(psa_crypto_init(), PSA_SUCCESS);
  psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&attributes, PSA_KEY_TYPE_ECC_KEY_PAIR(family));
  psa_set_key_bits(&attributes, bits);
  psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_DERIVE);
  psa_set_key_algorithm(&attributes, PSA_ALG_ECDH);
  mbedtls_svc_key_id_t id;
  EXPECT_EQ(psa_import_key(&attributes, d.data(), d.size(), &id), PSA_SUCCESS);
  uint8_t out[32];
  size_t len = 0;
  const psa_status_t status =
      psa_raw_key_agreement(PSA_ALG_ECDH, id, peer.data(), peer.size(), out, sizeof out, &len);
  psa_destroy_key(id);
  if (status == PSA_SUCCESS) *secret = to_hex(out, len);
  return status;
}

// An mbedtls P-256 group, key pair and scratch numbers, freed on scope exit.
struct Mbedtls {
  mbedtls_ecp_group group;
  mbedtls_mpi a, b, c, d;
  mbedtls_ecp_point P, R;
  Mbedtls() {
    mbedtls_ecp_group_init(&group);
    mbedtls_mpi_init(&a); mbedtls_mpi_init(&b); mbedtls_mpi_init(&c); mbedtls_mpi_init(&d);
    mbedtls_ecp_point_init(&P); mbedtls_ecp_point_init(&R);
    EXPECT_EQ(mbedtls_ecp_group_load(&group, MBEDTLS_ECP_DP_SECP256R1), 0);
  }
  ~Mbedtls() {
    mbedtls_ecp_group_free(&group);
    mbedtls_mpi_free(&a); mbedtls_mpi_free(&b); mbedtls_mpi_free(&c); mbedtls_mpi_free(&d);
    mbedtls_ecp_point_free(&P); mbedtls_ecp_point_free(&R);
  }
};

// m->P = (x, y), unchecked (mbedtls' parser does not test the curve equation).
inline int set_point(Mbedtls *m, const std::string &x, const std::string &y) {
  const std::vector<uint8_t> encoded = from_hex("04" + x + y);
  return mbedtls_ecp_point_read_binary(&m->group, &m->P, encoded.data(), encoded.size());
}

inline std::string x_hex(Mbedtls *m, const mbedtls_ecp_point *point) {
  uint8_t buf[65];
  size_t len = 0;
  EXPECT_EQ(mbedtls_ecp_point_write_binary(&m->group, point, MBEDTLS_ECP_PF_UNCOMPRESSED, &len, buf, 65), 0);
  return to_hex(buf + 1, 32);
}

#endif  // WASM_SSL_TESTS_ECC_TEST_UTIL_H
