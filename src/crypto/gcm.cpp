// AES-GCM (NIST SP 800-38D) for mbedtls (MBEDTLS_GCM_ALT): the bitsliced AES of aes.cpp in
// counter mode, many blocks per call, and the table-free GHASH of ghash.cpp. The API and its
// checks are mbedtls 3.6's (include/mbedtls/gcm.h), so that the cipher layer (TLS 1.2), PSA
// (TLS 1.3) and the session tickets use it unchanged; only AES is offered as the block cipher.
#include <cstring>

#include "mbedtls/gcm.h"
#include "mbedtls/platform_util.h"
extern "C" {
#include "mbedtls/constant_time.h"  // a C header without C++ guards
}

#if defined(MBEDTLS_GCM_ALT)

#include "crypto/aes_blocks.h"
#include "crypto/ghash.h"

namespace {

using wssl::crypto::ghash_blocks;

constexpr unsigned char kZeroBlock[16] = {0};

// buf = buf * H: the accumulator's pending partial block is complete (zero-padded).
inline void ghash_flush(mbedtls_gcm_context *ctx) {
  ghash_blocks(ctx->hash_key, ctx->buf, kZeroBlock, 1);
}

inline void xor_bytes(unsigned char *out, const unsigned char *a, const unsigned char *b, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = a[i] ^ b[i];
}

// `n` bytes (n <= 16 - offset) of a block whose keystream is ctx->ectr, at `offset` into it;
// the ciphertext side goes into the GHASH accumulator.
void crypt_partial(mbedtls_gcm_context *ctx, size_t offset, size_t n, const unsigned char *in,
                   unsigned char *out) {
  if (ctx->mode == MBEDTLS_GCM_DECRYPT) xor_bytes(ctx->buf + offset, ctx->buf + offset, in, n);
  xor_bytes(out, in, ctx->ectr + offset, n);
  if (ctx->mode == MBEDTLS_GCM_ENCRYPT) xor_bytes(ctx->buf + offset, ctx->buf + offset, out, n);
}

}  // namespace

extern "C" {

void mbedtls_gcm_init(mbedtls_gcm_context *ctx) { mbedtls_platform_zeroize(ctx, sizeof *ctx); }

void mbedtls_gcm_free(mbedtls_gcm_context *ctx) {
  if (ctx != nullptr) mbedtls_platform_zeroize(ctx, sizeof *ctx);
}

int mbedtls_gcm_setkey(mbedtls_gcm_context *ctx, mbedtls_cipher_id_t cipher,
                       const unsigned char *key, unsigned int keybits) {
  if (cipher != MBEDTLS_CIPHER_ID_AES) return MBEDTLS_ERR_GCM_BAD_INPUT;
  if (mbedtls_aes_setkey_enc(&ctx->aes, key, keybits) != 0) return MBEDTLS_ERR_GCM_BAD_INPUT;
  unsigned char h[16];
  mbedtls_internal_aes_encrypt(&ctx->aes, kZeroBlock, h);
  wssl::crypto::ghash_key(ctx->hash_key, h);
  mbedtls_platform_zeroize(h, sizeof h);
  return 0;
}

int mbedtls_gcm_starts(mbedtls_gcm_context *ctx, int mode, const unsigned char *iv, size_t iv_len) {
  // IV and AD are limited to 2^64 bits, so 2^61 bytes.
  if (iv_len == 0 || static_cast<uint64_t>(iv_len) >> 61 != 0) return MBEDTLS_ERR_GCM_BAD_INPUT;
  ctx->mode = mode;
  ctx->len = 0;
  ctx->add_len = 0;
  std::memset(ctx->buf, 0, 16);
  std::memset(ctx->y, 0, 16);
  if (iv_len == 12) {
    std::memcpy(ctx->y, iv, 12);
    ctx->y[15] = 1;
  } else {
    // J0 = GHASH(IV, zero-padded, then 0^64 || the IV's length in bits).
    const size_t full = iv_len / 16, rest = iv_len % 16;
    ghash_blocks(ctx->hash_key, ctx->y, iv, full);
    if (rest != 0) {
      xor_bytes(ctx->y, ctx->y, iv + 16 * full, rest);
      ghash_blocks(ctx->hash_key, ctx->y, kZeroBlock, 1);
    }
    unsigned char lengths[16] = {0};
    const uint64_t bits = static_cast<uint64_t>(iv_len) * 8;
    for (int i = 0; i < 8; ++i) lengths[15 - i] = static_cast<unsigned char>(bits >> (8 * i));
    ghash_blocks(ctx->hash_key, ctx->y, lengths, 1);
  }
  // AES_K(J0) masks the tag; the text's keystream starts at J0 + 1, which this leaves in y.
  wssl_aes_ctr32(&ctx->aes, ctx->y, nullptr, ctx->base_ectr, 1);
  return 0;
}

int mbedtls_gcm_update_ad(mbedtls_gcm_context *ctx, const unsigned char *add, size_t add_len) {
  const uint64_t new_add_len = ctx->add_len + static_cast<uint64_t>(add_len);
  if (new_add_len < ctx->add_len || new_add_len >> 61 != 0) return MBEDTLS_ERR_GCM_BAD_INPUT;
  // Additional data comes before the text: afterwards it would silently give a wrong tag.
  if (ctx->len != 0) return MBEDTLS_ERR_GCM_BAD_INPUT;
  if (add_len == 0) return 0;
  const size_t offset = ctx->add_len % 16;
  ctx->add_len = new_add_len;
  if (offset != 0) {
    const size_t n = add_len < 16 - offset ? add_len : 16 - offset;
    xor_bytes(ctx->buf + offset, ctx->buf + offset, add, n);
    if (offset + n == 16) ghash_flush(ctx);
    add += n;
    add_len -= n;
  }
  ghash_blocks(ctx->hash_key, ctx->buf, add, add_len / 16);
  add += add_len - add_len % 16;
  xor_bytes(ctx->buf, ctx->buf, add, add_len % 16);
  return 0;
}

int mbedtls_gcm_update(mbedtls_gcm_context *ctx, const unsigned char *input, size_t input_length,
                       unsigned char *output, size_t output_size, size_t *output_length) {
  if (output_size < input_length) return MBEDTLS_ERR_GCM_BUFFER_TOO_SMALL;
  *output_length = input_length;
  if (input_length == 0) return 0;
  // The output may be the input itself, but not overlap it further on.
  if (output > input && static_cast<size_t>(output - input) < input_length) {
    return MBEDTLS_ERR_GCM_BAD_INPUT;
  }
  // The text is limited to 2^39 - 256 bits, so 2^36 - 32 bytes.
  if (ctx->len + input_length < ctx->len ||
      static_cast<uint64_t>(ctx->len) + input_length > 0xFFFFFFFE0ull) {
    return MBEDTLS_ERR_GCM_BAD_INPUT;
  }
  if (ctx->len == 0 && ctx->add_len % 16 != 0) ghash_flush(ctx);

  const size_t offset = ctx->len % 16;
  ctx->len += input_length;
  if (offset != 0) {  // the rest of the previous call's last block
    const size_t n = input_length < 16 - offset ? input_length : 16 - offset;
    crypt_partial(ctx, offset, n, input, output);
    if (offset + n == 16) ghash_flush(ctx);
    input += n;
    output += n;
    input_length -= n;
  }
  const size_t blocks = input_length / 16, bytes = 16 * blocks;
  if (blocks != 0) {
    // Decrypting, the ciphertext is hashed before it may be overwritten (output == input).
    if (ctx->mode == MBEDTLS_GCM_DECRYPT) ghash_blocks(ctx->hash_key, ctx->buf, input, blocks);
    wssl_aes_ctr32(&ctx->aes, ctx->y, input, output, blocks);
    if (ctx->mode == MBEDTLS_GCM_ENCRYPT) ghash_blocks(ctx->hash_key, ctx->buf, output, blocks);
    input += bytes;
    output += bytes;
    input_length -= bytes;
  }
  if (input_length != 0) {  // a partial block: its keystream stays for the next call
    wssl_aes_ctr32(&ctx->aes, ctx->y, nullptr, ctx->ectr, 1);
    crypt_partial(ctx, 0, input_length, input, output);
  }
  return 0;
}

int mbedtls_gcm_finish(mbedtls_gcm_context *ctx, unsigned char *output, size_t output_size,
                       size_t *output_length, unsigned char *tag, size_t tag_len) {
  (void)output;
  (void)output_size;
  *output_length = 0;
  if (tag_len > 16 || tag_len < 4) return MBEDTLS_ERR_GCM_BAD_INPUT;
  const uint64_t text_bits = ctx->len * 8, add_bits = ctx->add_len * 8;
  if (ctx->len == 0 && ctx->add_len % 16 != 0) ghash_flush(ctx);
  if (ctx->len % 16 != 0) ghash_flush(ctx);
  unsigned char lengths[16];
  for (int i = 0; i < 8; ++i) {
    lengths[7 - i] = static_cast<unsigned char>(add_bits >> (8 * i));
    lengths[15 - i] = static_cast<unsigned char>(text_bits >> (8 * i));
  }
  ghash_blocks(ctx->hash_key, ctx->buf, lengths, 1);
  xor_bytes(tag, ctx->base_ectr, ctx->buf, tag_len);
  mbedtls_platform_zeroize(ctx->ectr, sizeof ctx->ectr);
  return 0;
}

int mbedtls_gcm_crypt_and_tag(mbedtls_gcm_context *ctx, int mode, size_t length,
                              const unsigned char *iv, size_t iv_len, const unsigned char *add,
                              size_t add_len, const unsigned char *input, unsigned char *output,
                              size_t tag_len, unsigned char *tag) {
  size_t olen = 0;
  int ret = mbedtls_gcm_starts(ctx, mode, iv, iv_len);
  if (ret == 0) ret = mbedtls_gcm_update_ad(ctx, add, add_len);
  if (ret == 0) ret = mbedtls_gcm_update(ctx, input, length, output, length, &olen);
  if (ret == 0) ret = mbedtls_gcm_finish(ctx, nullptr, 0, &olen, tag, tag_len);
  return ret;
}

int mbedtls_gcm_auth_decrypt(mbedtls_gcm_context *ctx, size_t length, const unsigned char *iv,
                             size_t iv_len, const unsigned char *add, size_t add_len,
                             const unsigned char *tag, size_t tag_len, const unsigned char *input,
                             unsigned char *output) {
  unsigned char check_tag[16];
  int ret = mbedtls_gcm_crypt_and_tag(ctx, MBEDTLS_GCM_DECRYPT, length, iv, iv_len, add, add_len,
                                      input, output, tag_len, check_tag);
  if (ret != 0) return ret;
  if (mbedtls_ct_memcmp(tag, check_tag, tag_len) != 0) {
    mbedtls_platform_zeroize(output, length);
    return MBEDTLS_ERR_GCM_AUTH_FAILED;
  }
  return 0;
}

}  // extern "C"

#endif  // MBEDTLS_GCM_ALT
