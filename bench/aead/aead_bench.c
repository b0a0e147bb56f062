/* The raw speed of mbedtls' AEADs (and of their parts) as compiled into a build: the ceiling
 * that TLS records in that build can reach. It links the very mbedtls objects the shipped
 * module is made of, and seals/opens records the way the TLS layer does (ssl_msg.c calls
 * mbedtls_cipher_auth_{en,de}crypt_ext with a 12-byte nonce and 13 bytes of additional data).
 *
 * One entry point for every build: wssl_bench_aead(kind, op, total, record) returns the
 * seconds it took to process `total` bytes in records of `record` bytes (negative: an mbedtls
 * error). Natively, main() prints the same measurements as JSON. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mbedtls/aes.h"
#include "mbedtls/chacha20.h"
#include "mbedtls/cipher.h"
#include "mbedtls/gcm.h"
#include "mbedtls/poly1305.h"
#if defined(MBEDTLS_AES_ALT)
#include "crypto/aes_blocks.h"
#endif

#if defined(__wasm__)
#define BENCH_EXPORT __attribute__((visibility("default"), used))
#else
#define BENCH_EXPORT
#endif

enum kind { AES_128_GCM = 0, CHACHA20_POLY1305 = 1, AES_128_CTR = 2, GHASH = 3, CHACHA20 = 4,
            POLY1305 = 5 };
enum op { SEAL = 0, OPEN = 1 };

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const unsigned char key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

/* Seals (or opens what was sealed) `total` bytes in records, as the TLS record layer does. */
static int aead(mbedtls_cipher_type_t type, int op, size_t total, size_t record, double *secs) {
  const mbedtls_cipher_info_t *info = mbedtls_cipher_info_from_type(type);
  unsigned char *plain = calloc(1, record), *sealed = calloc(1, record + 16);
  unsigned char nonce[12] = {0}, ad[13] = {0};
  mbedtls_cipher_context_t enc, dec;
  mbedtls_cipher_init(&enc);
  mbedtls_cipher_init(&dec);
  int ret = plain && sealed ? 0 : -1;
  size_t len = 0;
  if (ret == 0) ret = mbedtls_cipher_setup(&enc, info);
  if (ret == 0) ret = mbedtls_cipher_setup(&dec, info);
  if (ret == 0) ret = mbedtls_cipher_setkey(&enc, key, (int)mbedtls_cipher_info_get_key_bitlen(info), MBEDTLS_ENCRYPT);
  if (ret == 0) ret = mbedtls_cipher_setkey(&dec, key, (int)mbedtls_cipher_info_get_key_bitlen(info), MBEDTLS_DECRYPT);
  /* One sealed record to open again and again (same nonce: this measures speed only). */
  if (ret == 0)
    ret = mbedtls_cipher_auth_encrypt_ext(&enc, nonce, 12, ad, 13, plain, record, sealed,
                                          record + 16, &len, 16);
  double start = now();
  for (size_t done = 0; ret == 0 && done < total; done += record) {
    if (op == SEAL) {
      nonce[11]++;
      ret = mbedtls_cipher_auth_encrypt_ext(&enc, nonce, 12, ad, 13, plain, record, sealed,
                                            record + 16, &len, 16);
    } else {
      ret = mbedtls_cipher_auth_decrypt_ext(&dec, nonce, 12, ad, 13, sealed, record + 16, plain,
                                            record, &len, 16);
    }
  }
  *secs = now() - start;
  mbedtls_cipher_free(&enc);
  mbedtls_cipher_free(&dec);
  free(plain);
  free(sealed);
  return ret;
}

/* The parts, to see where AEAD time goes: AES-CTR alone, GHASH alone (GCM over additional
 * data only), ChaCha20 alone, Poly1305 alone. */
static int part(int kind, size_t total, size_t record, double *secs) {
  unsigned char *in = calloc(1, record), *out = calloc(1, record);
  unsigned char nonce[16] = {0}, tag[16], stream_block[16];
  int ret = in && out ? 0 : -1;
  double start = now();
  if (ret == 0 && kind == AES_128_CTR) {
    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    ret = mbedtls_aes_setkey_enc(&aes, key, 128);
    start = now();
    for (size_t done = 0; ret == 0 && done < total; done += record) {
#if defined(MBEDTLS_AES_ALT)
      /* src/crypto's bitsliced AES: a record's counter blocks in one call, as its GCM does. */
      wssl_aes_ctr32(&aes, nonce, in, out, record / 16);
      (void)stream_block;
#else
      /* mbedtls' AES: counter blocks through the block function, as its GCM does (no CTR mode
       * in this config). */
      for (size_t i = 0; ret == 0 && i + 16 <= record; i += 16) {
        nonce[15]++;
        ret = mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_ENCRYPT, nonce, stream_block);
        for (int j = 0; j < 16; j++) out[i + j] = in[i + j] ^ stream_block[j];
      }
#endif
    }
    mbedtls_aes_free(&aes);
  } else if (ret == 0 && kind == GHASH) {
    mbedtls_gcm_context gcm;
    mbedtls_gcm_init(&gcm);
    ret = mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, 128);
    start = now();
    for (size_t done = 0; ret == 0 && done < total; done += record) {
      size_t olen;
      ret = mbedtls_gcm_starts(&gcm, MBEDTLS_GCM_ENCRYPT, nonce, 12);
      if (ret == 0) ret = mbedtls_gcm_update_ad(&gcm, in, record);
      if (ret == 0) ret = mbedtls_gcm_finish(&gcm, NULL, 0, &olen, tag, 16);
    }
    mbedtls_gcm_free(&gcm);
  } else if (ret == 0 && kind == CHACHA20) {
    for (size_t done = 0; ret == 0 && done < total; done += record)
      ret = mbedtls_chacha20_crypt(key, nonce, 1, record, in, out);
  } else if (ret == 0 && kind == POLY1305) {
    for (size_t done = 0; ret == 0 && done < total; done += record)
      ret = mbedtls_poly1305_mac(key, in, record, tag);
  }
  *secs = now() - start;
  free(in);
  free(out);
  return ret;
}

BENCH_EXPORT double wssl_bench_aead(int32_t kind, int32_t op, int32_t total, int32_t record) {
  if (total <= 0 || record <= 0) return -1;
  double secs = 0;
  int ret;
  if (kind == AES_128_GCM)
    ret = aead(MBEDTLS_CIPHER_AES_128_GCM, op, (size_t)total, (size_t)record, &secs);
  else if (kind == CHACHA20_POLY1305)
    ret = aead(MBEDTLS_CIPHER_CHACHA20_POLY1305, op, (size_t)total, (size_t)record, &secs);
  else
    ret = part(kind, (size_t)total, (size_t)record, &secs);
  return ret != 0 ? (ret < 0 ? ret : -ret) : secs;
}

#if !defined(__wasm__)
/* Native: aead_bench TOTAL_BYTES RECORD_BYTES -> {"aes-128-gcm":{"seal":s,"open":s},...} in
 * seconds, the same shape bench/lib/aead.mjs builds for the wasm modules. */
int main(int argc, char **argv) {
  int32_t total = argc > 1 ? atoi(argv[1]) : 64 << 20, record = argc > 2 ? atoi(argv[2]) : 16384;
  static const char *const names[] = {"aes-128-gcm", "chacha20-poly1305", "aes-128-ctr", "ghash",
                                      "chacha20", "poly1305"};
  printf("{");
  for (int kind = 0; kind < 6; kind++) {
    double seal = wssl_bench_aead(kind, SEAL, total, record);
    double open = kind <= CHACHA20_POLY1305 ? wssl_bench_aead(kind, OPEN, total, record) : 0;
    if (seal < 0 || open < 0) {
      fprintf(stderr, "aead_bench: %s failed (%g %g)\n", names[kind], seal, open);
      return 1;
    }
    printf("%s\"%s\":{\"seal\":%.6f", kind ? "," : "", names[kind], seal);
    if (kind <= CHACHA20_POLY1305) printf(",\"open\":%.6f", open);
    printf("}");
  }
  printf("}\n");
  return 0;
}
#endif
