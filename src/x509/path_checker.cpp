#include "x509/path_checker.h"

#include "mbedtls/oid.h"
#include "platform/format.h"
#include "x509/extensions.h"
#include "x509/hostname_match.h"
#include "x509/strict_profile.h"

namespace wssl {
namespace x509 {

void PathChecker::set_host(const HostName *host) {
  has_host_ = host != nullptr;
  if (host != nullptr) host_ = *host;
}

void PathChecker::start_path() {
  reasons_.clear();
  constraints_.clear();
}

void PathChecker::fail(uint32_t *flags, uint32_t bit, std::string reason) {
  *flags |= bit;
  if (!reason.empty()) reasons_.push_back(std::move(reason));
}

bool PathChecker::is_anchor(const mbedtls_x509_crt &crt) const {
  // mbedtls puts the trusted CA itself (not a copy) at the top of a trusted path.
  for (const mbedtls_x509_crt *a = policy_.anchors; a != nullptr && a->raw.p; a = a->next)
    if (a == &crt) return true;
  return false;
}

void PathChecker::check(const mbedtls_x509_crt &crt, int depth, uint32_t *flags) {
  bool top = depth != next_depth_;
  if (top) start_path();
  next_depth_ = depth - 1;
  bool anchor = top && is_anchor(crt);
  if (top && policy_.max_chain_depth >= 0) {
    int intermediates = anchor ? depth - 1 : depth;
    if (intermediates > policy_.max_chain_depth)
    {
      char text[96];
      wssl_snprintf(text, sizeof text,
                    "the chain has %d intermediate certificates, more than max_chain_depth=%d",
                    intermediates, policy_.max_chain_depth);
      fail(flags, MBEDTLS_X509_BADCERT_OTHER, text);
    }
  }
  check_extensions(crt, depth, flags);
  if (policy_.strict) {
    std::vector<std::string> broken;
    StrictPosition at;
    at.depth = depth;
    at.trust_anchor = anchor;
    at.peer_is_server = policy_.peer_is_server;
    check_strict_profile(crt, at, &broken);
    for (std::string &reason : broken) fail(flags, MBEDTLS_X509_BADCERT_OTHER, std::move(reason));
  }
  if (depth != 0 || !has_host_) return;
  // mbedtls' own name check compares an IP literal with DNS and URI entries too: the verdict
  // on the name is this one. The strict profile has no CN fallback.
  *flags &= ~static_cast<uint32_t>(MBEDTLS_X509_BADCERT_CN_MISMATCH);
  if (!certificate_names_host(crt, host_, !policy_.strict))
    fail(flags, MBEDTLS_X509_BADCERT_CN_MISMATCH, "");
}

void PathChecker::check_extensions(const mbedtls_x509_crt &crt, int depth, uint32_t *flags) {
  // RFC 5280: a critical extension that is not processed makes the certificate unusable; it
  // was accepted when parsed so that only a path through it fails, not a whole CA bundle.
  std::string unknown = unprocessed_critical_extension(crt);
  if (!unknown.empty())
    fail(flags, MBEDTLS_X509_BADCERT_OTHER,
         "unknown critical extension " + unknown + " in " + subject_text(crt));
  // The constraints of every CA above apply to this certificate, unless it is a self-issued
  // intermediate (RFC 5280 6.1.3 (b)).
  if (depth == 0 || !self_issued(crt)) {
    for (const NameConstraints &c : constraints_) {
      std::string reason = c.check(crt, depth == 0);
      if (!reason.empty()) {
        fail(flags, MBEDTLS_X509_BADCERT_OTHER,
             "name constraints: " + reason + " (" + subject_text(crt) + ")");
        break;
      }
    }
  }
  RawExtension ext;
  if (depth > 0 && find_extension(crt, MBEDTLS_OID_NAME_CONSTRAINTS,
                                  MBEDTLS_OID_SIZE(MBEDTLS_OID_NAME_CONSTRAINTS), &ext)) {
    NameConstraints parsed;
    if (parsed.parse(ext.value, ext.value_len))
      constraints_.push_back(std::move(parsed));
    else
      fail(flags, MBEDTLS_X509_BADCERT_OTHER, "malformed name constraints in " + subject_text(crt));
  }
}

std::string PathChecker::reasons(const char *prefix) const {
  std::string out;
  for (const std::string &r : reasons_) out += std::string(prefix) + r + "\n";
  return out;
}

}  // namespace x509
}  // namespace wssl
