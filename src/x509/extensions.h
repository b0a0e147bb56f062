// The raw extensions of a parsed certificate (crt.v3_ext), for the rules mbedtls does not
// apply itself: name constraints, and critical extensions nobody processes.
#pragma once

#include <cstddef>
#include <string>

#include "mbedtls/x509_crt.h"

namespace wssl {
namespace x509 {

struct RawExtension {
  const unsigned char *oid = nullptr;
  size_t oid_len = 0;
  bool critical = false;
  const unsigned char *value = nullptr;  // the extnValue OCTET STRING's content
  size_t value_len = 0;
};

// Finds the extension with DER OID `oid` (oid_len bytes). False if absent.
bool find_extension(const mbedtls_x509_crt &crt, const char *oid, size_t oid_len,
                    RawExtension *out);

// The dotted OID of the first critical extension that neither mbedtls nor the engine's rules
// process, or "" when there is none.
std::string unprocessed_critical_extension(const mbedtls_x509_crt &crt);

// Issuer and subject are the same name (byte for byte). A certificate from a peer that
// mbedtls could only partly fill in has empty names: never self-issued then.
bool self_issued(const mbedtls_x509_crt &crt);

// The certificate's subject as text ("CN=..., O=..."), for messages.
std::string subject_text(const mbedtls_x509_crt &crt);

}  // namespace x509
}  // namespace wssl
