#include "x509/extensions.h"

#include <cstring>

#include "mbedtls/oid.h"

namespace wssl {
namespace x509 {
namespace {

// Calls visit(ext) for each extension until it returns true; true if one did.
template <typename Visit>
bool each_extension(const mbedtls_x509_crt &crt, Visit visit) {
  if (crt.v3_ext.p == nullptr) return false;
  unsigned char *p = crt.v3_ext.p;
  const unsigned char *end = p + crt.v3_ext.len;
  size_t len = 0;
  if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
    return false;
  end = p + len;
  while (p < end) {
    // mbedtls has parsed these once already: the structure is known to be sound.
    if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
      return false;
    const unsigned char *ext_end = p + len;
    RawExtension ext;
    if (mbedtls_asn1_get_tag(&p, ext_end, &len, MBEDTLS_ASN1_OID) != 0) return false;
    ext.oid = p;
    ext.oid_len = len;
    p += len;
    int critical = 0;
    int ret = mbedtls_asn1_get_bool(&p, ext_end, &critical);
    if (ret != 0 && ret != MBEDTLS_ERR_ASN1_UNEXPECTED_TAG) return false;
    ext.critical = critical != 0;
    if (mbedtls_asn1_get_tag(&p, ext_end, &len, MBEDTLS_ASN1_OCTET_STRING) != 0) return false;
    ext.value = p;
    ext.value_len = len;
    p += len;
    if (visit(ext)) return true;
  }
  return false;
}

bool same_oid(const RawExtension &ext, const char *oid, size_t oid_len) {
  return ext.oid_len == oid_len && std::memcmp(ext.oid, oid, oid_len) == 0;
}

}  // namespace

bool find_extension(const mbedtls_x509_crt &crt, const char *oid, size_t oid_len,
                    RawExtension *out) {
  return each_extension(crt, [&](const RawExtension &ext) {
    if (!same_oid(ext, oid, oid_len)) return false;
    *out = ext;
    return true;
  });
}

std::string unprocessed_critical_extension(const mbedtls_x509_crt &crt) {
  std::string found;
  each_extension(crt, [&](const RawExtension &ext) {
    if (!ext.critical) return false;
    // Name constraints are the engine's own rule (name_constraints.cpp).
    if (same_oid(ext, MBEDTLS_OID_NAME_CONSTRAINTS, MBEDTLS_OID_SIZE(MBEDTLS_OID_NAME_CONSTRAINTS)))
      return false;
    mbedtls_x509_buf oid;
    oid.tag = MBEDTLS_ASN1_OID;
    oid.p = const_cast<unsigned char *>(ext.oid);
    oid.len = ext.oid_len;
    int type = 0;
    if (mbedtls_oid_get_x509_ext_type(&oid, &type) == 0) return false;
    char dotted[64];
    int n = mbedtls_oid_get_numeric_string(dotted, sizeof dotted, &oid);
    found = n > 0 ? dotted : "(unreadable OID)";
    return true;
  });
  return found;
}

bool self_issued(const mbedtls_x509_crt &crt) {
  return crt.issuer_raw.len == crt.subject_raw.len && crt.subject_raw.len > 0 &&
         std::memcmp(crt.issuer_raw.p, crt.subject_raw.p, crt.subject_raw.len) == 0;
}

std::string subject_text(const mbedtls_x509_crt &crt) {
  char name[256];
  if (mbedtls_x509_dn_gets(name, sizeof name, &crt.subject) < 0) return "(unreadable subject)";
  return name;
}

}  // namespace x509
}  // namespace wssl
