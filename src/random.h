// The one random generator the engine uses: PSA's DRBG (mbedtls_psa_get_random), seeded from
// getentropy() through MBEDTLS_ENTROPY_HARDWARE_ALT (platform/entropy.cpp).
#pragma once

extern "C" {  // mbedtls 3.6's psa_util.h has no C++ guard
#include "mbedtls/psa_util.h"
}
