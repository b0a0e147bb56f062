// RFC 5280 4.2.1.10 name constraints of one CA certificate, applied to the certificates below
// it: dNSName, iPAddress (v4 and v6, with masks), directoryName and rfc822Name subtrees, on
// every subjectAltName entry, the subject, its emailAddress attributes, and a leaf's CN where
// it serves as the host name (no subjectAltName).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mbedtls/x509_crt.h"

namespace wssl {
namespace x509 {

class NameConstraints {
 public:
  // Parses the extension's value (the NameConstraints SEQUENCE). False if malformed.
  bool parse(const unsigned char *p, size_t len);

  // "" when every name of `crt` is allowed; otherwise why not. `leaf`: crt is the peer's
  // end-entity certificate (its CN may serve as a host name).
  std::string check(const mbedtls_x509_crt &crt, bool leaf) const;

 private:
  struct Subtree {
    int type;                   // MBEDTLS_X509_SAN_* (the GeneralName tag)
    std::vector<uint8_t> base;  // text, address + mask, or a Name's DER
  };
  bool parse_subtrees(unsigned char **p, const unsigned char *end, std::vector<Subtree> *out);
  std::string check_name(int type, const unsigned char *value, size_t len,
                         const char *label) const;

  std::vector<Subtree> permitted_, excluded_;
};

}  // namespace x509
}  // namespace wssl
