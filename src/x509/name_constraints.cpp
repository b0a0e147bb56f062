#define MBEDTLS_ALLOW_PRIVATE_ACCESS  // mbedtls_x509_name.next_merged: multi-valued RDNs
#include "x509/name_constraints.h"

#include <cstring>

#include "mbedtls/asn1.h"
#include "mbedtls/oid.h"
#include "platform/format.h"
#include "x509/ascii.h"
#include "x509/host_name.h"

// mbedtls' own Name parser (library/x509_internal.h, not in its public headers).
extern "C" int mbedtls_x509_get_name(unsigned char **p, const unsigned char *end,
                                     mbedtls_x509_name *cur);

namespace wssl {
namespace x509 {
namespace {

bool ends_with_ignoring_case(const std::string &s, const char *suffix, size_t len) {
  return s.size() >= len && equal_ignoring_case(s.data() + s.size() - len, suffix, len);
}

std::string text_of(const unsigned char *p, size_t len) {
  std::string s(reinterpret_cast<const char *>(p), len);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// dNSName subtree: "example.com" covers itself and every name below; ".example.com" only the
// names below; "" everything.
bool dns_within(const std::string &name, const std::vector<uint8_t> &base_bytes) {
  std::string base = text_of(base_bytes.data(), base_bytes.size());
  if (base.empty()) return true;
  if (base[0] == '.') return name.size() > base.size() &&
                            ends_with_ignoring_case(name, base.data(), base.size());
  if (name.size() == base.size()) return equal_ignoring_case(name.data(), base.data(), base.size());
  return name.size() > base.size() && name[name.size() - base.size() - 1] == '.' &&
         ends_with_ignoring_case(name, base.data(), base.size());
}

// rfc822Name subtree: a mailbox ("a@example.com"), a host ("example.com": mailboxes there)
// or a domain (".example.com": mailboxes on hosts below it).
bool email_within(const std::string &email, const std::vector<uint8_t> &base_bytes) {
  std::string base(base_bytes.begin(), base_bytes.end());
  if (base.empty()) return true;
  size_t at = email.rfind('@');
  if (at == std::string::npos) return false;
  if (base.find('@') != std::string::npos)
    return email.size() == base.size() &&
           email.compare(0, at, base, 0, at) == 0 &&  // the local part is case-sensitive
           equal_ignoring_case(email.data() + at, base.data() + at, base.size() - at);
  std::string host = email.substr(at + 1);
  if (base[0] == '.') return ends_with_ignoring_case(host, base.data(), base.size());
  return host.size() == base.size() && equal_ignoring_case(host.data(), base.data(), base.size());
}

bool ip_within(const unsigned char *ip, size_t len, const std::vector<uint8_t> &base) {
  if (base.size() != 2 * len) return false;
  for (size_t i = 0; i < len; ++i)
    if ((ip[i] & base[len + i]) != (base[i] & base[len + i])) return false;
  return true;
}

// directoryName subtree: the base's RDNs are the first RDNs of the name (attribute types
// equal, values equal ignoring ASCII case and string type).
bool directory_within(const unsigned char *name_der, size_t name_len,
                      const std::vector<uint8_t> &base_der) {
  mbedtls_x509_name name, base;
  std::memset(&name, 0, sizeof name);
  std::memset(&base, 0, sizeof base);
  bool within = false;
  unsigned char *p = const_cast<unsigned char *>(name_der);
  unsigned char *b = const_cast<unsigned char *>(base_der.data());
  size_t len;
  if (mbedtls_asn1_get_tag(&p, name_der + name_len, &len,
                           MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) == 0 &&
      mbedtls_asn1_get_tag(&b, base_der.data() + base_der.size(), &len,
                           MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) == 0) {
    bool base_empty = b == base_der.data() + base_der.size();
    bool name_empty = p == name_der + name_len;
    if (base_empty) {
      within = true;
    } else if (!name_empty && mbedtls_x509_get_name(&p, name_der + name_len, &name) == 0 &&
               mbedtls_x509_get_name(&b, base_der.data() + base_der.size(), &base) == 0) {
      within = true;
      const mbedtls_x509_name *n = &name;
      for (const mbedtls_x509_name *c = &base; c != nullptr && within; c = c->next, n = n->next) {
        within = n != nullptr && n->oid.len == c->oid.len && c->oid.len > 0 &&
                 std::memcmp(n->oid.p, c->oid.p, c->oid.len) == 0 && n->val.len == c->val.len &&
                 equal_ignoring_case(reinterpret_cast<const char *>(n->val.p),
                                     reinterpret_cast<const char *>(c->val.p), c->val.len) &&
                 n->next_merged == c->next_merged;
      }
    }
  }
  mbedtls_asn1_free_named_data_list_shallow(name.next);
  mbedtls_asn1_free_named_data_list_shallow(base.next);
  return within;
}

const char *type_label(int type) {
  switch (type) {
    case MBEDTLS_X509_SAN_DNS_NAME: return "DNS name";
    case MBEDTLS_X509_SAN_IP_ADDRESS: return "IP address";
    case MBEDTLS_X509_SAN_RFC822_NAME: return "email address";
    case MBEDTLS_X509_SAN_DIRECTORY_NAME: return "directory name";
    case MBEDTLS_X509_SAN_UNIFORM_RESOURCE_IDENTIFIER: return "URI";
    default: return "name";
  }
}

std::string printable(int type, const unsigned char *value, size_t len) {
  if (type == MBEDTLS_X509_SAN_IP_ADDRESS) {
    std::string out;
    char buf[8];
    for (size_t i = 0; i < len; ++i) {
      if (len == 4) wssl_snprintf(buf, sizeof buf, i ? ".%u" : "%u", value[i]);
      else wssl_snprintf(buf, sizeof buf, (i % 2 == 0 && i) ? ":%02x" : "%02x", value[i]);
      out += buf;
    }
    return out;
  }
  if (type == MBEDTLS_X509_SAN_DIRECTORY_NAME) return "";
  std::string s;
  for (size_t i = 0; i < len && i < 128; ++i)
    s += value[i] >= 0x20 && value[i] < 0x7f ? static_cast<char>(value[i]) : '?';
  return s;
}

}  // namespace

bool NameConstraints::parse_subtrees(unsigned char **p, const unsigned char *end,
                                     std::vector<Subtree> *out) {
  size_t len;
  while (*p < end) {
    if (mbedtls_asn1_get_tag(p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
      return false;
    const unsigned char *subtree_end = *p + len;
    if (*p >= subtree_end) return false;
    unsigned char tag = **p;
    ++*p;
    if (mbedtls_asn1_get_len(p, subtree_end, &len) != 0) return false;
    Subtree s;
    s.type = tag & MBEDTLS_ASN1_TAG_VALUE_MASK;
    if ((tag & MBEDTLS_ASN1_CONTEXT_SPECIFIC) == 0) return false;
    s.base.assign(*p, *p + len);  // directoryName: [4] EXPLICIT, so this is the Name's DER
    if (s.type == MBEDTLS_X509_SAN_IP_ADDRESS && len != 8 && len != 32) return false;
    out->push_back(std::move(s));
    *p = const_cast<unsigned char *>(subtree_end);  // minimum/maximum: always 0/absent in practice
  }
  return true;
}

bool NameConstraints::parse(const unsigned char *der, size_t der_len) {
  unsigned char *p = const_cast<unsigned char *>(der);
  const unsigned char *end = der + der_len;
  size_t len;
  if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0 ||
      p + len != end)
    return false;
  if (mbedtls_asn1_get_tag(&p, end, &len,
                           MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0) == 0 &&
      !parse_subtrees(&p, p + len, &permitted_))
    return false;
  if (mbedtls_asn1_get_tag(&p, end, &len,
                           MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 1) == 0 &&
      !parse_subtrees(&p, p + len, &excluded_))
    return false;
  return p == end && (!permitted_.empty() || !excluded_.empty());
}

std::string NameConstraints::check_name(int type, const unsigned char *value, size_t len,
                                        const char *label) const {
  auto covers = [&](const Subtree &s) {
    switch (type) {
      case MBEDTLS_X509_SAN_DNS_NAME: return dns_within(text_of(value, len), s.base);
      case MBEDTLS_X509_SAN_RFC822_NAME:
        return email_within(std::string(reinterpret_cast<const char *>(value), len), s.base);
      case MBEDTLS_X509_SAN_IP_ADDRESS: return ip_within(value, len, s.base);
      case MBEDTLS_X509_SAN_DIRECTORY_NAME: return directory_within(value, len, s.base);
      default: return false;
    }
  };
  bool supported = type == MBEDTLS_X509_SAN_DNS_NAME || type == MBEDTLS_X509_SAN_RFC822_NAME ||
                   type == MBEDTLS_X509_SAN_IP_ADDRESS || type == MBEDTLS_X509_SAN_DIRECTORY_NAME;
  std::string what = std::string(label) + " " + type_label(type);
  std::string shown = printable(type, value, len);
  if (!shown.empty()) what += " \"" + shown + "\"";
  bool any_permitted = false, permitted = false;
  for (const Subtree &s : permitted_) {
    if (s.type != type) continue;
    if (!supported) return what + ": name constraints of this type are not supported";
    any_permitted = true;
    permitted = permitted || covers(s);
  }
  if (any_permitted && !permitted) return what + " is outside the permitted names";
  for (const Subtree &s : excluded_) {
    if (s.type != type) continue;
    if (!supported) return what + ": name constraints of this type are not supported";
    if (covers(s)) return what + " is within the excluded names";
  }
  return "";
}

std::string NameConstraints::check(const mbedtls_x509_crt &crt, bool leaf) const {
  std::string reason;
  // The subject (unless empty) as a directoryName, and its email addresses as rfc822Names.
  if (crt.subject.oid.p != nullptr)
    reason = check_name(MBEDTLS_X509_SAN_DIRECTORY_NAME, crt.subject_raw.p, crt.subject_raw.len,
                        "subject");
  for (const mbedtls_x509_name *n = &crt.subject; reason.empty() && n != nullptr; n = n->next)
    if (n->oid.p != nullptr && MBEDTLS_OID_CMP(MBEDTLS_OID_PKCS9_EMAIL, &n->oid) == 0)
      reason = check_name(MBEDTLS_X509_SAN_RFC822_NAME, n->val.p, n->val.len, "subject");
  bool has_san = false;
  for (const mbedtls_x509_sequence *cur = &crt.subject_alt_names;
       reason.empty() && cur != nullptr && cur->buf.p; cur = cur->next) {
    has_san = true;
    reason = check_name(cur->buf.tag & MBEDTLS_ASN1_TAG_VALUE_MASK, cur->buf.p, cur->buf.len,
                        "subjectAltName");
  }
  // Without subjectAltName a client compares the leaf's CN as a DNS name: constrain it so.
  if (leaf && !has_san) {
    for (const mbedtls_x509_name *n = &crt.subject; reason.empty() && n != nullptr; n = n->next)
      if (n->oid.p != nullptr && MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &n->oid) == 0 &&
          valid_dns_name(reinterpret_cast<const char *>(n->val.p), n->val.len, true))
        reason = check_name(MBEDTLS_X509_SAN_DNS_NAME, n->val.p, n->val.len, "subject CN");
  }
  return reason;
}

}  // namespace x509
}  // namespace wssl
