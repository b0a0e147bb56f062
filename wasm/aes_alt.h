/* The AES context of src/crypto/aes.cpp (MBEDTLS_AES_ALT in the config): the round keys,
 * already in the bitsliced form the kernel works on. Large enough for both kernels (SIMD:
 * 8 words of 16 bytes per round key; scalar: 8 words of 8 bytes), so that mbedtls' own C,
 * compiled once, sees one layout for both. */
#ifndef WASM_SSL_AES_ALT_H
#define WASM_SSL_AES_ALT_H

#include <stdint.h>

typedef struct mbedtls_aes_context {
  uint64_t round_keys[15 * 16]; /* up to 14 rounds + 1, bitsliced */
  int rounds;                   /* 10, 12 or 14; 0 before a key is set */
} mbedtls_aes_context;

#endif /* WASM_SSL_AES_ALT_H */
