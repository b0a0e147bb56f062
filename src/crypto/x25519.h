// X25519 (RFC 7748): the Diffie-Hellman function on Curve25519, constant time in the scalar.
#ifndef WASM_SSL_CRYPTO_X25519_H
#define WASM_SSL_CRYPTO_X25519_H

#include <cstdint>

namespace wssl::crypto {

// out = X25519(scalar, u): the scalar is clamped and the top bit of u masked as RFC 7748
// section 5 says; u may be non-canonical (>= 2^255 - 19), it is reduced. Never fails: callers
// reject the all-zero result (section 6.1) themselves.
void x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);

}  // namespace wssl::crypto

#endif  // WASM_SSL_CRYPTO_X25519_H
