// Certificate parsing that leaves the verdict on extensions to verification: a certificate
// with a critical extension mbedtls does not know (nameConstraints, a private one) still
// parses, and the engine's rules (path_checker) refuse a path that relies on it. Used for
// trusted CAs, the own chain, and, through a compile-time rename in
// cmake/mbedtls_library.cmake, for the chain a peer presents in the handshake.
#pragma once

#include <stddef.h>

#include "mbedtls/x509_crt.h"

#ifdef __cplusplus
extern "C" {
#endif

// mbedtls_x509_crt_parse_der(), but unknown critical extensions do not fail the parse.
int wssl_x509_crt_parse_der_lenient(mbedtls_x509_crt *chain, const unsigned char *buf,
                                    size_t buflen);

#ifdef __cplusplus
}
#endif
