// GHASH (NIST SP 800-38D), the authenticator of GCM, without tables: see ghash.cpp.
#ifndef WSSL_CRYPTO_GHASH_H
#define WSSL_CRYPTO_GHASH_H

#include <cstddef>
#include <cstdint>

namespace wssl::crypto {

// The hash key H = AES_K(0^128), 16 bytes, in the form ghash_blocks takes: H, H^2, H^3, H^4.
void ghash_key(uint64_t key[4][2], const unsigned char h[16]);

// For each 16-byte block X of `data`: acc = (acc + X) * H in GF(2^128).
void ghash_blocks(const uint64_t key[4][2], unsigned char acc[16], const unsigned char *data,
                  size_t blocks);

}  // namespace wssl::crypto

#endif  // WSSL_CRYPTO_GHASH_H
