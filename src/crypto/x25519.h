// X25519 (RFC 7748): the Diffie-Hellman function on Curve25519, constant time in the scalar.
#ifndef WASM_SSL_CRYPTO_X25519_H
#define WASM_SSL_CRYPTO_X25519_H

#include <cstdint>

namespace wssl::crypto {

// out = X25519(scalar, u): the scalar is clamped and the top bit of u masked as RFC 7748
// section 5 says; u may be non-canonical (>= 2^255 - 19), it is reduced. Never fails: callers
// reject the all-zero result (section 6.1) themselves.
void x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);

// The same arithmetic as mbedtls' own Montgomery ladder takes it, one call per rung
// (MBEDTLS_ECP_DOUBLE_ADD_MXZ_ALT: key generation, which has no higher hook), on projective
// x/z coordinates as 32 little-endian bytes below 2^255: (x2 : z2) is doubled and
// (x3 : z3) becomes their sum, x1 being the x of their difference.
void x25519_ladder_step(uint8_t x2[32], uint8_t z2[32], uint8_t x3[32], uint8_t z3[32],
                        const uint8_t x1[32]);

// x = x / z (0 for z = 0), in constant time (MBEDTLS_ECP_NORMALIZE_MXZ_ALT).
void x25519_divide(uint8_t x[32], const uint8_t z[32]);

}  // namespace wssl::crypto

#endif  // WASM_SSL_CRYPTO_X25519_H
