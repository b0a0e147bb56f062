/* The GCM context of src/crypto/gcm.cpp (MBEDTLS_GCM_ALT in the config): AES in counter mode
 * from src/crypto/aes.cpp and a table-free GHASH (src/crypto/ghash.cpp). */
#ifndef WASM_SSL_GCM_ALT_H
#define WASM_SSL_GCM_ALT_H

#include <stdint.h>

#include "mbedtls/aes.h"

typedef struct mbedtls_gcm_context {
  mbedtls_aes_context aes;
  uint64_t hash_key[4][2];    /* H = AES_K(0) and its powers up to H^4 (ghash.cpp) */
  uint64_t len;               /* bytes of text so far */
  uint64_t add_len;           /* bytes of additional data so far */
  unsigned char base_ectr[16]; /* AES_K(J0): masks the tag */
  unsigned char y[16];        /* the counter block of the next keystream block */
  unsigned char buf[16];      /* the GHASH accumulator */
  unsigned char ectr[16];     /* the last keystream block (its rest serves the next update) */
  int mode;                   /* MBEDTLS_GCM_ENCRYPT or MBEDTLS_GCM_DECRYPT */
} mbedtls_gcm_context;

#endif /* WASM_SSL_GCM_ALT_H */
