// The only source of randomness: the platform's CSPRNG through getentropy()
// (emscripten: crypto.getRandomValues; WASI: random_get; Linux: getrandom). mbedtls' entropy
// module and PSA's DRBG both seed from here. A failure is reported, never papered over.
#include <unistd.h>

#include <cstddef>

#include "mbedtls/entropy.h"

extern "C" int mbedtls_hardware_poll(void *, unsigned char *output, size_t len, size_t *olen) {
  *olen = 0;
  while (*olen < len) {
    size_t chunk = len - *olen;
    if (chunk > 256) chunk = 256;  // getentropy's limit
    if (getentropy(output + *olen, chunk) != 0) return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    *olen += chunk;
  }
  return 0;
}
