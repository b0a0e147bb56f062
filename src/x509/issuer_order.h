// Path building over the chain a peer presents. mbedtls 3.6 takes, among the presented
// certificates named as a certificate's issuer, the first one in its validity period, even when
// its signature on that certificate does not verify (it skips bad signatures only among the
// trusted CAs); a decoy listed before the real issuer then fails the whole chain, where OpenSSL
// and browsers try the next candidate. The TLS code's call to mbedtls' verification is
// redirected here (cmake/mbedtls_library.cmake) to put such decoys last first.
#pragma once

#include "mbedtls/x509_crt.h"

#ifdef __cplusplus
extern "C" {
#endif

// mbedtls_x509_crt_verify_restartable(), after moving to the end of `crt`'s list every
// presented certificate that is named as an earlier one's issuer but did not sign it, where a
// name has two or more candidates (an ordinary chain costs no extra signature check).
int wssl_x509_crt_verify_restartable(mbedtls_x509_crt *crt, mbedtls_x509_crt *trust_ca,
                                     mbedtls_x509_crl *ca_crl,
                                     const mbedtls_x509_crt_profile *profile, const char *cn,
                                     uint32_t *flags,
                                     int (*f_vrfy)(void *, mbedtls_x509_crt *, int, uint32_t *),
                                     void *p_vrfy, mbedtls_x509_crt_restart_ctx *rs_ctx);

#ifdef __cplusplus
}
#endif
