#include "x509/lenient_parse.h"

namespace {

// Every extension mbedtls cannot parse is accepted here; extensions.cpp finds them again.
int accept_extension(void *, mbedtls_x509_crt const *, mbedtls_x509_buf const *, int,
                     const unsigned char *, const unsigned char *) {
  return 0;
}

}  // namespace

extern "C" int wssl_x509_crt_parse_der_lenient(mbedtls_x509_crt *chain, const unsigned char *buf,
                                               size_t buflen) {
  return mbedtls_x509_crt_parse_der_with_ext_cb(chain, buf, buflen, 1, accept_extension, nullptr);
}
