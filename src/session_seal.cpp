#include "session_seal.h"

extern "C" {  // mbedtls 3.6's constant_time.h has no C++ guard
#include "mbedtls/constant_time.h"
}
#include "mbedtls/md.h"
#include "random.h"

namespace wssl {
namespace {

constexpr size_t kTagLength = 32;  // HMAC-SHA256
uint8_t g_key[32];
bool g_key_ready = false;

bool tag(const uint8_t *data, size_t len, uint8_t out[kTagLength]) {
  return g_key_ready && mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), g_key,
                                        sizeof g_key, data, len, out) == 0;
}

}  // namespace

int32_t init_session_key() {
  int ret = mbedtls_psa_get_random(MBEDTLS_PSA_RANDOM_STATE, g_key, sizeof g_key);
  g_key_ready = ret == 0;
  return ret;
}

void seal_session(std::vector<uint8_t> *blob) {
  uint8_t t[kTagLength];
  if (!tag(blob->data(), blob->size(), t)) {
    blob->clear();  // an unsealed session would be refused anyway
    return;
  }
  blob->insert(blob->end(), t, t + kTagLength);
}

int32_t open_session(const uint8_t *blob, size_t len) {
  uint8_t t[kTagLength];
  if (len <= kTagLength || len - kTagLength > INT32_MAX) return -1;
  size_t inner = len - kTagLength;
  if (!tag(blob, inner, t) || mbedtls_ct_memcmp(t, blob + inner, kTagLength) != 0) return -1;
  return static_cast<int32_t>(inner);
}

}  // namespace wssl
