// Helpers shared by the elliptic-curve tests: hex, a seeded test RNG, mbedtls' reference group.
#ifndef WASM_SSL_TESTS_ECC_TEST_UTIL_H
#define WASM_SSL_TESTS_ECC_TEST_UTIL_H

#include <cstdint>
#include <random>
#include <string>
#include <vector>

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

#endif  // WASM_SSL_TESTS_ECC_TEST_UTIL_H
