// libFuzzer: the build's AES-GCM (src/crypto: bitsliced AES, table-free GHASH) against
// OpenSSL's libcrypto on arbitrary keys, IVs, additional data, texts and streaming piece
// sizes; any difference in ciphertext, tag or decryption aborts.
// Input: a control byte (bits 0-1: key size 128/192/256/128; bits 2-7: piece size - 1 for the
// streaming calls), 32 key bytes, an IV length byte (0: the usual 12; else 1-128), the IV, an
// AAD length byte, the AAD, then the text.
#include <openssl/evp.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "mbedtls/gcm.h"

namespace {

struct Reader {
  const uint8_t *p;
  size_t n;
  const uint8_t *take(size_t k) {
    k = std::min(k, n);
    const uint8_t *at = p;
    p += k, n -= k;
    return at;
  }
  uint8_t byte() { return n > 0 ? *take(1) : 0; }
};

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 35) return 0;
  Reader in{data, size};
  const uint8_t control = in.byte();
  const size_t key_len = (control & 3) == 1 ? 24 : (control & 3) == 2 ? 32 : 16;
  const size_t piece = 1 + (control >> 2);
  uint8_t key[32];
  std::memcpy(key, in.take(32), 32);
  // OpenSSL takes IVs of up to 128 bytes.
  const uint8_t iv_byte = in.byte();
  const size_t iv_len = iv_byte == 0 ? 12 : 1 + (iv_byte - 1u) % 128;
  if (in.n < iv_len) return 0;
  const std::vector<uint8_t> iv(in.take(iv_len), in.p);
  const size_t aad_len = std::min<size_t>(in.byte(), in.n);
  const std::vector<uint8_t> aad(in.take(aad_len), in.p);
  const std::vector<uint8_t> text(in.p, in.p + in.n);

  // OpenSSL's answer.
  const EVP_CIPHER *cipher = key_len == 16 ? EVP_aes_128_gcm() : key_len == 24 ? EVP_aes_192_gcm() : EVP_aes_256_gcm();
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  std::vector<uint8_t> want(text.size() + 16);
  uint8_t want_tag[16];
  int n = 0, rest = 0;
  check(EVP_EncryptInit_ex(ctx, cipher, nullptr, nullptr, nullptr) == 1);
  check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv_len), nullptr) == 1);
  check(EVP_EncryptInit_ex(ctx, nullptr, nullptr, key, iv.data()) == 1);
  if (!aad.empty()) check(EVP_EncryptUpdate(ctx, nullptr, &n, aad.data(), static_cast<int>(aad.size())) == 1);
  check(EVP_EncryptUpdate(ctx, want.data(), &n, text.data(), static_cast<int>(text.size())) == 1);
  check(EVP_EncryptFinal_ex(ctx, want.data() + n, &rest) == 1);
  check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, want_tag) == 1);
  EVP_CIPHER_CTX_free(ctx);
  want.resize(text.size());

  // The build's, streamed in pieces: sealing, then opening what OpenSSL sealed.
  mbedtls_gcm_context gcm;
  mbedtls_gcm_init(&gcm);
  check(mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, static_cast<unsigned>(8 * key_len)) == 0);
  for (int mode : {MBEDTLS_GCM_ENCRYPT, MBEDTLS_GCM_DECRYPT}) {
    const std::vector<uint8_t> &src = mode == MBEDTLS_GCM_ENCRYPT ? text : want;
    const std::vector<uint8_t> &expected = mode == MBEDTLS_GCM_ENCRYPT ? want : text;
    std::vector<uint8_t> out(src.size());
    uint8_t tag[16];
    size_t olen = 0;
    check(mbedtls_gcm_starts(&gcm, mode, iv.data(), iv.size()) == 0);
    for (size_t at = 0; at < aad.size(); at += piece) {
      check(mbedtls_gcm_update_ad(&gcm, aad.data() + at, std::min(piece, aad.size() - at)) == 0);
    }
    for (size_t at = 0; at < src.size(); at += piece) {
      const size_t k = std::min(piece, src.size() - at);
      check(mbedtls_gcm_update(&gcm, src.data() + at, k, out.data() + at, k, &olen) == 0 && olen == k);
    }
    check(mbedtls_gcm_finish(&gcm, nullptr, 0, &olen, tag, sizeof tag) == 0);
    check(out == expected);
    check(std::memcmp(tag, want_tag, 16) == 0);
  }
  mbedtls_gcm_free(&gcm);
  return 0;
}
