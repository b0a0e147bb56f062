// The strict verification profile: the certificate form RFC 5280 and the CA/Browser Forum
// require, which OpenSSL's -x509_strict, browsers and pyca/cryptography hold certificates to,
// and which mbedtls and MicroPython (the compat profile) do not check.
#pragma once

#include <string>
#include <vector>

#include "mbedtls/x509_crt.h"

namespace wssl {
namespace x509 {

struct StrictPosition {
  int depth = 0;                // 0: the peer's own certificate
  bool trust_anchor = false;    // one of the configured CAs, at the top of the path
  bool peer_is_server = true;   // the leaf must then be fit to serve a host name
};

// Appends one line per strict rule `crt` breaks, each naming the rule and the certificate.
void check_strict_profile(const mbedtls_x509_crt &crt, const StrictPosition &at,
                          std::vector<std::string> *broken);

}  // namespace x509
}  // namespace wssl
