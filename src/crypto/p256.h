// NIST P-256 (FIPS 186-4, SEC1): scalar multiplication and ECDSA over 32-byte big-endian
// integers. Secret scalars (private keys, ECDSA nonces) are handled in constant time;
// verification, whose inputs are all public, is not.
#ifndef WASM_SSL_CRYPTO_P256_H
#define WASM_SSL_CRYPTO_P256_H

#include <cstdint>

namespace wssl::crypto::p256 {

// x of k * (px, py). False if the point is not on the curve (or a coordinate is >= p) or the
// result is the point at infinity (k = 0 mod n).
bool ecdh(uint8_t x[32], const uint8_t k[32], const uint8_t px[32], const uint8_t py[32]);

// k * G, affine. False for k = 0 mod n.
bool base_mul(uint8_t x[32], uint8_t y[32], const uint8_t k[32]);

// ECDSA signature of the (truncated) hash e with private key d and nonce k, both in [1, n-1].
// False when r or s comes out 0: the caller draws another k (SEC1 4.1.3).
bool sign(uint8_t r[32], uint8_t s[32], const uint8_t d[32], const uint8_t e[32],
          const uint8_t k[32]);

// ECDSA verification (SEC1 4.1.4) of (r, s) over the (truncated) hash e with public key Q.
// False for anything invalid: r or s outside [1, n-1], Q off the curve, a wrong signature.
bool verify(const uint8_t qx[32], const uint8_t qy[32], const uint8_t e[32], const uint8_t r[32],
            const uint8_t s[32]);

}  // namespace wssl::crypto::p256

#endif  // WASM_SSL_CRYPTO_P256_H
