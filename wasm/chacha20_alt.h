/* The ChaCha20 context of src/crypto/chacha20.cpp (MBEDTLS_CHACHA20_ALT in the config):
 * mbedtls' own layout, so that everything built on it (chachapoly.c) is unchanged. */
#ifndef WASM_SSL_CHACHA20_ALT_H
#define WASM_SSL_CHACHA20_ALT_H

#include <stddef.h>
#include <stdint.h>

typedef struct mbedtls_chacha20_context {
  uint32_t state[16];          /* constants, key, block counter, nonce */
  uint8_t keystream8[64];      /* the unused rest of the last keystream block */
  size_t keystream_bytes_used; /* how much of keystream8 is used up (64: all) */
} mbedtls_chacha20_context;

#endif /* WASM_SSL_CHACHA20_ALT_H */
