#include "session_seal.h"

#include "mbedtls/chachapoly.h"
#include "mbedtls/platform_util.h"
#include "random.h"

namespace wssl {
namespace {

constexpr uint8_t kFormat = 2;  // 1 was the HMAC-only seal
constexpr size_t kNonceLength = 12;
constexpr size_t kTagLength = 16;
constexpr size_t kOverhead = 1 + kNonceLength + kTagLength;
uint8_t g_key[32];
bool g_key_ready = false;

// One AEAD operation under the instance key; false on any failure (a wrong tag included).
template <typename Op>
bool with_key(Op op) {
  if (!g_key_ready) return false;
  mbedtls_chachapoly_context ctx;
  mbedtls_chachapoly_init(&ctx);
  bool ok = mbedtls_chachapoly_setkey(&ctx, g_key) == 0 && op(&ctx) == 0;
  mbedtls_chachapoly_free(&ctx);
  return ok;
}

}  // namespace

int32_t init_session_key() {
  int ret = mbedtls_psa_get_random(MBEDTLS_PSA_RANDOM_STATE, g_key, sizeof g_key);
  g_key_ready = ret == 0;
  return ret;
}

std::vector<uint8_t> seal_session(const std::vector<uint8_t> &plain) {
  std::vector<uint8_t> blob(plain.size() + kOverhead);
  blob[0] = kFormat;
  uint8_t *nonce = blob.data() + 1, *body = nonce + kNonceLength;
  uint8_t *tag = body + plain.size();
  // A random 96-bit nonce per blob: far below the collision bound for the sessions one
  // instance can save.
  bool ok = mbedtls_psa_get_random(MBEDTLS_PSA_RANDOM_STATE, nonce, kNonceLength) == 0 &&
            with_key([&](mbedtls_chachapoly_context *ctx) {
              return mbedtls_chachapoly_encrypt_and_tag(ctx, plain.size(), nonce, blob.data(), 1,
                                                        plain.data(), body, tag);
            });
  if (!ok) blob.clear();
  return blob;
}

bool open_session(const uint8_t *blob, size_t len, std::vector<uint8_t> *plain) {
  plain->clear();
  if (len <= kOverhead || blob[0] != kFormat) return false;
  const uint8_t *nonce = blob + 1, *body = nonce + kNonceLength;
  size_t body_len = len - kOverhead;
  const uint8_t *tag = body + body_len;
  plain->resize(body_len);
  bool ok = with_key([&](mbedtls_chachapoly_context *ctx) {
    return mbedtls_chachapoly_auth_decrypt(ctx, body_len, nonce, blob, 1, tag, body,
                                           plain->data());
  });
  if (!ok) {
    mbedtls_platform_zeroize(plain->data(), plain->size());
    plain->clear();
  }
  return ok;
}

}  // namespace wssl
