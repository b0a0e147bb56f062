// Parsing of the certificate and key inputs MicroPython accepts (PEM or DER, single or
// several), and a JSON summary of a certificate for hosts and error messages.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "mbedtls/pk.h"
#include "mbedtls/x509_crt.h"

namespace wssl {

// An owned certificate chain (mbedtls_x509_crt list).
struct CertChain {
  CertChain() { mbedtls_x509_crt_init(&crt); }
  ~CertChain() { mbedtls_x509_crt_free(&crt); }
  CertChain(const CertChain &) = delete;
  CertChain &operator=(const CertChain &) = delete;
  bool empty() const { return crt.raw.p == nullptr; }
  mbedtls_x509_crt crt;
};

struct PrivateKey {
  PrivateKey() { mbedtls_pk_init(&pk); }
  ~PrivateKey() { mbedtls_pk_free(&pk); }
  PrivateKey(const PrivateKey &) = delete;
  PrivateKey &operator=(const PrivateKey &) = delete;
  mbedtls_pk_context pk;
};

// Appends every certificate in `data` (one DER, concatenated DER, or a PEM bundle) to
// `chain`. Returns the number appended, or WSSL_ERR_INVALID_CERT if any one fails to parse
// (then `chain` may hold a prefix: callers parse into a fresh chain).
int32_t parse_certificates(const uint8_t *data, size_t len, CertChain *chain);

// Parses a private key (PEM or DER). 0 or WSSL_ERR_INVALID_KEY.
int32_t parse_private_key(const uint8_t *data, size_t len, PrivateKey *key);

// JSON object describing `crt`: subject, issuer, serial, not_before, not_after,
// subject_alt_names.
std::string certificate_json(const mbedtls_x509_crt &crt);

}  // namespace wssl
