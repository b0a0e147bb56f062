// The constant-time check of AES and AES-GCM as this build provides them, run under valgrind's
// memcheck by ctest (aes_gcm_constant_time): the key and the plaintext are marked undefined, so
// memcheck reports every branch and every memory address computed from them, as it would for
// uninitialised memory. The same C as in the wasm builds (its scalar kernel); with
// -DWASM_SSL_CRYPTO=mbedtls it reports mbedtls' table lookups. With --secret-index it makes
// one such lookup on purpose, to prove that memcheck is watching (ctest expects the report).
#include <valgrind/memcheck.h>

#include <cstdio>
#include <cstring>
#include <initializer_list>

#include "mbedtls/aes.h"
#include "mbedtls/gcm.h"

namespace {

unsigned char key[32], iv[12], aad[13], plain[300], sealed[300], opened[300], tag[16], block[16];

// Everything derived from the secrets stays undefined; only the checksum printed at the end is
// declared defined, so that the work cannot be optimised away.
unsigned checksum() {
  unsigned sum = 0;
  for (unsigned char *buf : {sealed, opened, tag, block}) {
    VALGRIND_MAKE_MEM_DEFINED(buf, 16);
    for (int i = 0; i < 16; ++i) sum = sum * 31 + buf[i];
  }
  return sum;
}

int run_aes_gcm() {
  for (unsigned bits : {128u, 256u}) {
    mbedtls_gcm_context gcm;
    mbedtls_gcm_init(&gcm);
    if (mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, bits) != 0) return 2;
    if (mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, sizeof plain, iv, sizeof iv, aad,
                                  sizeof aad, plain, sealed, sizeof tag, tag) != 0) return 2;
    // Opening, in uneven pieces and with a non-96-bit IV (its GHASH runs on the secret H).
    // No tag comparison here: its verdict is meant to be public.
    size_t olen = 0;
    if (mbedtls_gcm_starts(&gcm, MBEDTLS_GCM_DECRYPT, iv, 7) != 0) return 2;
    if (mbedtls_gcm_update_ad(&gcm, aad, sizeof aad) != 0) return 2;
    if (mbedtls_gcm_update(&gcm, sealed, 5, opened, 5, &olen) != 0) return 2;
    if (mbedtls_gcm_update(&gcm, sealed + 5, 200, opened + 5, 200, &olen) != 0) return 2;
    if (mbedtls_gcm_update(&gcm, sealed + 205, 95, opened + 205, 95, &olen) != 0) return 2;
    if (mbedtls_gcm_finish(&gcm, nullptr, 0, &olen, tag, sizeof tag) != 0) return 2;
    mbedtls_gcm_free(&gcm);

    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    if (mbedtls_aes_setkey_enc(&aes, key, bits) != 0) return 2;
    if (mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_ENCRYPT, plain, block) != 0) return 2;
    mbedtls_aes_free(&aes);
  }
  std::printf("checksum %08x\n", checksum());
  return 0;
}

}  // namespace

int main(int argc, char **argv) {
  for (size_t i = 0; i < sizeof key; ++i) key[i] = static_cast<unsigned char>(i * 7 + 1);
  for (size_t i = 0; i < sizeof plain; ++i) plain[i] = static_cast<unsigned char>(i * 13 + 5);
  std::memset(iv, 0x5A, sizeof iv);
  std::memset(aad, 0x17, sizeof aad);
  VALGRIND_MAKE_MEM_UNDEFINED(key, sizeof key);
  VALGRIND_MAKE_MEM_UNDEFINED(plain, sizeof plain);
  if (argc > 1 && std::strcmp(argv[1], "--secret-index") == 0) {
    static const unsigned char table[256] = {1};
    volatile unsigned char leaked = table[key[0]];  // what a table-based cipher does
    (void)leaked;
    return 0;
  }
  return run_aes_gcm();
}
