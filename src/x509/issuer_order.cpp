#define MBEDTLS_ALLOW_PRIVATE_ACCESS  // mbedtls_x509_crt: sig_md, sig_pk, sig_opts
#include "x509/issuer_order.h"

#include <cstring>

#include "mbedtls/md.h"
#include "mbedtls/pk.h"

namespace {

bool named_as_issuer(const mbedtls_x509_crt &child, const mbedtls_x509_crt &candidate) {
  return child.issuer_raw.len == candidate.subject_raw.len && child.issuer_raw.len > 0 &&
         std::memcmp(child.issuer_raw.p, candidate.subject_raw.p, child.issuer_raw.len) == 0;
}

bool signed_by(const mbedtls_x509_crt &child, mbedtls_x509_crt &parent) {
  const mbedtls_md_info_t *md = mbedtls_md_info_from_type(child.sig_md);
  unsigned char hash[MBEDTLS_MD_MAX_SIZE];
  if (md == nullptr || mbedtls_md(md, child.tbs.p, child.tbs.len, hash) != 0) return false;
  if (!mbedtls_pk_can_do(&parent.pk, child.sig_pk)) return false;
  return mbedtls_pk_verify_ext(child.sig_pk, child.sig_opts, &parent.pk, child.sig_md, hash,
                               mbedtls_md_get_size(md), child.sig.p, child.sig.len) == 0;
}

void put_decoys_last(mbedtls_x509_crt *head) {
  for (mbedtls_x509_crt *child = head; child != nullptr && child->raw.p; child = child->next) {
    size_t after = 0, candidates = 0;
    for (mbedtls_x509_crt *c = child->next; c != nullptr; c = c->next) {
      ++after;
      candidates += named_as_issuer(*child, *c);
    }
    if (candidates < 2) continue;
    // Moving a certificate later never takes it away from any certificate's candidates.
    mbedtls_x509_crt *prev = child;
    for (size_t i = 0; i < after && prev->next != nullptr && prev->next->next != nullptr; ++i) {
      mbedtls_x509_crt *c = prev->next;
      if (!named_as_issuer(*child, *c) || signed_by(*child, *c)) {
        prev = c;
        continue;
      }
      mbedtls_x509_crt *tail = c;
      while (tail->next != nullptr) tail = tail->next;
      prev->next = c->next;
      c->next = nullptr;
      tail->next = c;
    }
  }
}

}  // namespace

extern "C" int wssl_x509_crt_verify_restartable(
    mbedtls_x509_crt *crt, mbedtls_x509_crt *trust_ca, mbedtls_x509_crl *ca_crl,
    const mbedtls_x509_crt_profile *profile, const char *cn, uint32_t *flags,
    int (*f_vrfy)(void *, mbedtls_x509_crt *, int, uint32_t *), void *p_vrfy,
    mbedtls_x509_crt_restart_ctx *rs_ctx) {
  put_decoys_last(crt);
  return mbedtls_x509_crt_verify_restartable(crt, trust_ca, ca_crl, profile, cn, flags, f_vrfy,
                                             p_vrfy, rs_ctx);
}
