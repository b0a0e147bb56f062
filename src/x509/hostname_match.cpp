#define MBEDTLS_ALLOW_PRIVATE_ACCESS  // mbedtls_x509_crt.ext_types: which extensions are present
#include "x509/hostname_match.h"

#include <cstring>

#include "mbedtls/oid.h"
#include "x509/ascii.h"

namespace wssl {
namespace x509 {

bool dns_pattern_matches(const char *pattern, size_t len, const std::string &host) {
  if (len > 0 && pattern[len - 1] == '.') --len;
  if (len == 0 || std::memchr(pattern, '\0', len) != nullptr) return false;
  if (len >= 2 && pattern[0] == '*' && pattern[1] == '.') {
    const char *base = pattern + 2;
    size_t base_len = len - 2;
    // "*.com" would cover a whole top-level domain: a wildcard needs two labels below it.
    const char *dot = static_cast<const char *>(std::memchr(base, '.', base_len));
    if (dot == nullptr || dot == base || dot + 1 == base + base_len) return false;
    if (std::memchr(base, '*', base_len) != nullptr) return false;
    // The wildcard stands for exactly one non-empty label.
    size_t first_dot = host.find('.');
    if (first_dot == std::string::npos || first_dot == 0) return false;
    return host.size() - first_dot - 1 == base_len &&
           equal_ignoring_case(host.data() + first_dot + 1, base, base_len);
  }
  if (std::memchr(pattern, '*', len) != nullptr) return false;  // "f*.example.com"
  return host.size() == len && equal_ignoring_case(host.data(), pattern, len);
}

bool certificate_names_host(const mbedtls_x509_crt &crt, const HostName &host, bool cn_fallback) {
  if ((crt.ext_types & MBEDTLS_X509_EXT_SUBJECT_ALT_NAME) == 0) {
    if (!cn_fallback || host.kind != HostName::Kind::kDns) return false;
    for (const mbedtls_x509_name *n = &crt.subject; n != nullptr; n = n->next)
      if (n->oid.p != nullptr && MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &n->oid) == 0 &&
          dns_pattern_matches(reinterpret_cast<const char *>(n->val.p), n->val.len, host.dns))
        return true;
    return false;
  }
  for (const mbedtls_x509_sequence *cur = &crt.subject_alt_names; cur != nullptr && cur->buf.p;
       cur = cur->next) {
    int type = cur->buf.tag & MBEDTLS_ASN1_TAG_VALUE_MASK;
    if (host.kind == HostName::Kind::kDns && type == MBEDTLS_X509_SAN_DNS_NAME &&
        dns_pattern_matches(reinterpret_cast<const char *>(cur->buf.p), cur->buf.len, host.dns))
      return true;
    if (host.kind == HostName::Kind::kIp && type == MBEDTLS_X509_SAN_IP_ADDRESS &&
        cur->buf.len == host.ip_len && std::memcmp(cur->buf.p, host.ip, host.ip_len) == 0)
      return true;
  }
  return false;
}

}  // namespace x509
}  // namespace wssl
