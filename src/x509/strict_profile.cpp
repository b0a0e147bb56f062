#include "x509/strict_profile.h"

#include <cstring>

#include "mbedtls/oid.h"
#include "platform/format.h"
#include "mbedtls_private.h"
#include "x509/extensions.h"
#include "x509/host_name.h"

namespace wssl {
namespace x509 {
namespace {

bool has_eku(const mbedtls_x509_crt &crt, const char *oid, size_t len) {
  for (const mbedtls_x509_sequence *cur = &crt.ext_key_usage; cur != nullptr && cur->buf.p;
       cur = cur->next)
    if (cur->buf.len == len && std::memcmp(cur->buf.p, oid, len) == 0) return true;
  return false;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Is the CN one of the subjectAltName entries (a DNS name, or an IP address in text form)?
bool cn_in_san(const mbedtls_x509_crt &crt, const mbedtls_x509_buf &cn) {
  std::string cn_text(reinterpret_cast<const char *>(cn.p), cn.len);
  HostName cn_ip;
  bool is_ip = parse_host_name(cn_text.c_str(), &cn_ip) && cn_ip.kind == HostName::Kind::kIp;
  for (const mbedtls_x509_sequence *cur = &crt.subject_alt_names; cur != nullptr && cur->buf.p;
       cur = cur->next) {
    int type = cur->buf.tag & MBEDTLS_ASN1_TAG_VALUE_MASK;
    if (type == MBEDTLS_X509_SAN_DNS_NAME && cur->buf.len == cn.len) {
      bool same = true;
      for (size_t i = 0; i < cn.len && same; ++i) same = lower(cur->buf.p[i]) == lower(cn.p[i]);
      if (same) return true;
    }
    if (type == MBEDTLS_X509_SAN_IP_ADDRESS && is_ip && cur->buf.len == cn_ip.ip_len &&
        std::memcmp(cur->buf.p, cn_ip.ip, cn_ip.ip_len) == 0)
      return true;
  }
  return false;
}

void check_server_leaf(const mbedtls_x509_crt &crt, std::vector<std::string> *broken) {
  if (!mbedtls_private::has_extension(crt, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME)) {
    broken->push_back("a server certificate needs a subjectAltName (no CN fallback)");
    return;
  }
  for (const mbedtls_x509_name *n = &crt.subject; n != nullptr; n = n->next)
    if (n->oid.p != nullptr && MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &n->oid) == 0 &&
        !cn_in_san(crt, n->val))
      broken->push_back("the subject CN is not one of the subjectAltName entries");
  for (const mbedtls_x509_sequence *cur = &crt.subject_alt_names; cur != nullptr && cur->buf.p;
       cur = cur->next)
    if ((cur->buf.tag & MBEDTLS_ASN1_TAG_VALUE_MASK) == MBEDTLS_X509_SAN_DNS_NAME &&
        !valid_dns_name(reinterpret_cast<const char *>(cur->buf.p), cur->buf.len, true))
      broken->push_back("a subjectAltName DNS name is not a valid host name");
}

}  // namespace

void check_strict_profile(const mbedtls_x509_crt &crt, const StrictPosition &at,
                          std::vector<std::string> *broken) {
  std::vector<std::string> found;
  bool leaf = at.depth == 0;
  if (mbedtls_pk_get_type(&crt.pk) == MBEDTLS_PK_RSA && mbedtls_pk_get_bitlen(&crt.pk) < 2048)
    found.push_back("an RSA key shorter than 2048 bits");
  // A trust anchor is trusted because it was configured, not for its form (RFC 5280 6.1.1 (d)
  // takes only its name and key): real root stores hold roots from before these rules.
  if (at.trust_anchor) {
  } else if (crt.version < 3) {
    char text[32];
    wssl_snprintf(text, sizeof text, "an X.509 v%d certificate", crt.version);
    found.push_back(text);
  } else {
    // At most 20 octets of value: a positive number may need one more, a leading zero.
    size_t len = crt.serial.len;
    const unsigned char *serial = crt.serial.p;
    if (len > 1 && serial[0] == 0) --len, ++serial;
    bool zero = true;
    for (size_t i = 0; i < len; ++i) zero = zero && serial[i] == 0;
    if (len == 0 || len > 20 || zero)
      found.push_back("the serial number is zero or longer than 20 bytes");
    if (!self_issued(crt) &&
        !mbedtls_private::has_extension(crt, MBEDTLS_X509_EXT_AUTHORITY_KEY_IDENTIFIER))
      found.push_back("no authorityKeyIdentifier");
  }
  if (leaf) {
    if (mbedtls_private::is_ca(crt)) found.push_back("the peer's certificate is a CA (cA=TRUE)");
    if (mbedtls_private::has_extension(crt, MBEDTLS_X509_EXT_KEY_USAGE) &&
        (mbedtls_private::key_usage(crt) & MBEDTLS_X509_KU_KEY_CERT_SIGN) != 0)
      found.push_back("the peer's certificate may sign certificates (keyCertSign)");
    bool server = at.peer_is_server;
    if (mbedtls_private::has_extension(crt, MBEDTLS_X509_EXT_EXTENDED_KEY_USAGE) &&
        !(server ? has_eku(crt, MBEDTLS_OID_SERVER_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH))
                 : has_eku(crt, MBEDTLS_OID_CLIENT_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH))))
      found.push_back(server ? "extendedKeyUsage does not name serverAuth"
                             : "extendedKeyUsage does not name clientAuth");
    if (server) check_server_leaf(crt, &found);
  } else if (!at.trust_anchor) {
    RawExtension bc;
    if (!find_extension(crt, MBEDTLS_OID_BASIC_CONSTRAINTS,
                        MBEDTLS_OID_SIZE(MBEDTLS_OID_BASIC_CONSTRAINTS), &bc) ||
        !bc.critical)
      found.push_back("a CA without a critical basicConstraints");
    if (!mbedtls_private::has_extension(crt, MBEDTLS_X509_EXT_SUBJECT_KEY_IDENTIFIER))
      found.push_back("a CA without a subjectKeyIdentifier");
  }
  for (const std::string &rule : found)
    broken->push_back("strict profile: " + rule + " (" + subject_text(crt) +
                      "); verify_profile='compat' allows it");
}

}  // namespace x509
}  // namespace wssl
