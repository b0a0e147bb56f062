#include "x509/path_checker.h"

#include "x509/hostname_match.h"

namespace wssl {
namespace x509 {

void PathChecker::set_host(const HostName *host) {
  has_host_ = host != nullptr;
  if (host != nullptr) host_ = *host;
}

void PathChecker::start_path() { reasons_.clear(); }

void PathChecker::fail(uint32_t *flags, uint32_t bit, std::string reason) {
  *flags |= bit;
  if (!reason.empty()) reasons_.push_back(std::move(reason));
}

void PathChecker::check(const mbedtls_x509_crt &crt, int depth, uint32_t *flags) {
  if (depth != next_depth_) start_path();
  next_depth_ = depth - 1;
  if (depth != 0 || !has_host_) return;
  // mbedtls' own name check compares an IP literal with DNS and URI entries too: the verdict
  // on the name is this one.
  *flags &= ~static_cast<uint32_t>(MBEDTLS_X509_BADCERT_CN_MISMATCH);
  if (!certificate_names_host(crt, host_, true)) fail(flags, MBEDTLS_X509_BADCERT_CN_MISMATCH, "");
}

std::string PathChecker::reasons(const char *prefix) const {
  std::string out;
  for (const std::string &r : reasons_) out += std::string(prefix) + r + "\n";
  return out;
}

}  // namespace x509
}  // namespace wssl
