#include "certificates.h"

#include <cstdio>
#include <cstring>
#include <vector>

#include "mbedtls/asn1.h"
#include "mbedtls/pem.h"
#include "platform/format.h"
#include "random.h"
#include "wasm_ssl.h"
#include "x509/lenient_parse.h"

namespace wssl {
namespace {

bool looks_like_pem(const uint8_t *data, size_t len) {
  static const char kMarker[] = "-----BEGIN ";
  const size_t n = sizeof kMarker - 1;
  for (size_t i = 0; i + n <= len; ++i)
    if (std::memcmp(data + i, kMarker, n) == 0) return true;
  return false;
}

// mbedtls parses PEM only from a NUL-terminated buffer whose length counts the NUL.
std::vector<unsigned char> nul_terminated(const uint8_t *data, size_t len) {
  std::vector<unsigned char> copy(data, data + len);
  copy.push_back('\0');
  return copy;
}

// Length of the DER SEQUENCE at p (header included), or 0 if it is not one.
size_t der_element_length(const uint8_t *p, size_t avail) {
  unsigned char *cur = const_cast<unsigned char *>(p);
  size_t body = 0;
  if (mbedtls_asn1_get_tag(&cur, cur + avail, &body,
                           MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
    return 0;
  return static_cast<size_t>(cur - p) + body;
}

void append_json_string(std::string *out, const char *s) {
  *out += '"';
  for (; *s != '\0'; ++s) {
    unsigned char c = static_cast<unsigned char>(*s);
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += static_cast<char>(c);
    } else if (c < 0x20) {
      char esc[8];
      wssl_snprintf(esc, sizeof esc, "\\u%04x", c);
      *out += esc;
    } else {
      *out += static_cast<char>(c);
    }
  }
  *out += '"';
}

std::string iso_time(const mbedtls_x509_time &t) {
  char buf[32];
  wssl_snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.mon, t.day, t.hour,
                t.min, t.sec);
  return buf;
}

std::string subject_alt_names_json(const mbedtls_x509_crt &crt) {
  std::string out = "[";
  for (const mbedtls_x509_sequence *cur = &crt.subject_alt_names; cur != nullptr && cur->buf.p;
       cur = cur->next) {
    mbedtls_x509_subject_alternative_name san;
    if (mbedtls_x509_parse_subject_alt_name(&cur->buf, &san) != 0) continue;
    std::string value;
    if (san.type == MBEDTLS_X509_SAN_DNS_NAME || san.type == MBEDTLS_X509_SAN_RFC822_NAME ||
        san.type == MBEDTLS_X509_SAN_UNIFORM_RESOURCE_IDENTIFIER) {
      value.assign(reinterpret_cast<const char *>(san.san.unstructured_name.p),
                   san.san.unstructured_name.len);
    } else if (san.type == MBEDTLS_X509_SAN_IP_ADDRESS && san.san.unstructured_name.len == 4) {
      const unsigned char *ip = san.san.unstructured_name.p;
      char buf[16];
      wssl_snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
      value = buf;
    } else if (san.type == MBEDTLS_X509_SAN_IP_ADDRESS && san.san.unstructured_name.len == 16) {
      const unsigned char *ip = san.san.unstructured_name.p;
      char buf[48];
      int n = 0;
      for (int i = 0; i < 16; i += 2)
        n += wssl_snprintf(buf + n, sizeof buf - n, "%s%x", i ? ":" : "", (ip[i] << 8) | ip[i + 1]);
      value = buf;
    }
    mbedtls_x509_free_subject_alt_name(&san);
    if (value.empty()) continue;
    if (out.size() > 1) out += ',';
    append_json_string(&out, value.c_str());
  }
  return out + "]";
}

}  // namespace

int32_t parse_certificates(const uint8_t *data, size_t len, CertChain *chain) {
  if (data == nullptr || len == 0) return WSSL_ERR_INVALID_CERT;
  int32_t count = 0;
  if (looks_like_pem(data, len)) {
    // Each CERTIFICATE block in turn (other blocks are skipped, as mbedtls_x509_crt_parse
    // does); all must parse, and at least one must be there.
    std::vector<unsigned char> text = nul_terminated(data, len);
    const unsigned char *p = text.data();
    for (;;) {
      mbedtls_pem_context pem;
      mbedtls_pem_init(&pem);
      size_t used = 0;
      int ret = mbedtls_pem_read_buffer(&pem, "-----BEGIN CERTIFICATE-----",
                                        "-----END CERTIFICATE-----", p, nullptr, 0, &used);
      if (ret == 0) {
        size_t der_len = 0;
        const unsigned char *der = mbedtls_pem_get_buffer(&pem, &der_len);
        ret = wssl_x509_crt_parse_der_lenient(&chain->crt, der, der_len);
      }
      mbedtls_pem_free(&pem);
      if (ret == MBEDTLS_ERR_PEM_NO_HEADER_FOOTER_PRESENT) break;
      if (ret != 0) return WSSL_ERR_INVALID_CERT;
      p += used;
      ++count;
    }
    return count > 0 ? count : WSSL_ERR_INVALID_CERT;
  }
  size_t off = 0;
  while (off < len) {
    size_t n = der_element_length(data + off, len - off);
    if (n == 0 || n > len - off) return WSSL_ERR_INVALID_CERT;
    if (wssl_x509_crt_parse_der_lenient(&chain->crt, data + off, n) != 0)
      return WSSL_ERR_INVALID_CERT;
    off += n;
    ++count;
  }
  return count;
}

int32_t parse_private_key(const uint8_t *data, size_t len, PrivateKey *key) {
  if (data == nullptr || len == 0) return WSSL_ERR_INVALID_KEY;
  std::vector<unsigned char> buf = looks_like_pem(data, len)
                                       ? nul_terminated(data, len)
                                       : std::vector<unsigned char>(data, data + len);
  int ret = mbedtls_pk_parse_key(&key->pk, buf.data(), buf.size(), nullptr, 0,
                                 mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
  mbedtls_platform_zeroize(buf.data(), buf.size());
  return ret == 0 ? 0 : WSSL_ERR_INVALID_KEY;
}

std::string certificate_json(const mbedtls_x509_crt &crt) {
  char name[512];
  std::string out = "{\"subject\":";
  if (mbedtls_x509_dn_gets(name, sizeof name, &crt.subject) < 0) name[0] = '\0';
  append_json_string(&out, name);
  out += ",\"issuer\":";
  if (mbedtls_x509_dn_gets(name, sizeof name, &crt.issuer) < 0) name[0] = '\0';
  append_json_string(&out, name);
  out += ",\"serial\":";
  if (mbedtls_x509_serial_gets(name, sizeof name, &crt.serial) < 0) name[0] = '\0';
  append_json_string(&out, name);
  out += ",\"not_before\":\"" + iso_time(crt.valid_from) + "\"";
  out += ",\"not_after\":\"" + iso_time(crt.valid_to) + "\"";
  out += ",\"subject_alt_names\":" + subject_alt_names_json(crt) + "}";
  return out;
}

}  // namespace wssl
