/* What src/crypto/gcm.cpp needs from the bitsliced AES of src/crypto/aes.cpp beyond mbedtls'
 * one-block API: many blocks per call, which is what makes a bitsliced kernel fast. C, so that
 * bench/aead can time AES-CTR the way GCM runs it. */
#ifndef WSSL_CRYPTO_AES_BLOCKS_H
#define WSSL_CRYPTO_AES_BLOCKS_H

#include <stddef.h>

#include "mbedtls/aes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* AES-CTR as GCM uses it: block k of the keystream is AES_K(counter + k), the last 4 bytes of
 * the counter a big-endian number that wraps. XORs `blocks` 16-byte blocks of `in` into `out`
 * (in == out allowed; in == NULL: writes the keystream itself). On return `counter` is the
 * block after the last one used. */
void wssl_aes_ctr32(const mbedtls_aes_context *aes, unsigned char counter[16],
                    const unsigned char *in, unsigned char *out, size_t blocks);

#ifdef __cplusplus
}
#endif

#endif /* WSSL_CRYPTO_AES_BLOCKS_H */
