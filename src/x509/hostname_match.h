// Does a certificate name the host a client asked for? RFC 6125 as browsers apply it: an IP
// address matches only iPAddress entries, a DNS name only dNSName entries (never an IP or URI
// entry), a wildcard only as a whole leftmost label above at least two labels.
#pragma once

#include <cstddef>

#include "mbedtls/x509_crt.h"
#include "x509/host_name.h"

namespace wssl {
namespace x509 {

// True if the dNSName pattern (or a CN used as one) covers the DNS host (lowercase, no
// trailing dot). ASCII case-insensitive; one trailing dot on the pattern is ignored.
bool dns_pattern_matches(const char *pattern, size_t len, const std::string &host);

// True if `crt` names `host`. Without a subjectAltName extension at all, the subject's CNs
// are compared as DNS names when cn_fallback is set (never as IP addresses).
bool certificate_names_host(const mbedtls_x509_crt &crt, const HostName &host, bool cn_fallback);

}  // namespace x509
}  // namespace wssl
