// The engine's own certificate rules, run from mbedtls' verify callback on each certificate of
// the path it built (root-most first, the peer's leaf last). Each rule that fails sets a flag
// bit (so that CERT_REQUIRED fails and CERT_OPTIONAL reports it) and, where mbedtls has no words
// for it, a line for wssl_verify_info that names the rule.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mbedtls/x509_crt.h"
#include "x509/host_name.h"
#include "x509/name_constraints.h"

namespace wssl {
namespace x509 {

struct VerifyPolicy {
  bool strict = true;                          // the strict profile (strict_profile.h)
  int max_chain_depth = -1;                    // intermediates allowed; -1: no limit of ours
  bool peer_is_server = true;                  // a client checks a server's certificate
  const mbedtls_x509_crt *anchors = nullptr;   // the configured CAs
};

class PathChecker {
 public:
  void set_policy(const VerifyPolicy &policy) { policy_ = policy; }
  // host: the server_hostname a client checks (nullptr: no name check).
  void set_host(const HostName *host);

  // One certificate of the path, at `depth` (0 = the peer's leaf).
  void check(const mbedtls_x509_crt &crt, int depth, uint32_t *flags);

  // The reasons found by the last verification, one per line, each as prefix + text + "\n".
  std::string reasons(const char *prefix) const;
  bool has_reasons() const { return !reasons_.empty(); }

 private:
  void start_path();
  void check_extensions(const mbedtls_x509_crt &crt, int depth, uint32_t *flags);
  void fail(uint32_t *flags, uint32_t bit, std::string reason);

  bool is_anchor(const mbedtls_x509_crt &crt) const;

  VerifyPolicy policy_;
  bool has_host_ = false;
  HostName host_;
  int next_depth_ = -1;  // the depth expected next; any other starts a new path
  std::vector<NameConstraints> constraints_;  // of the CAs above the next certificate
  std::vector<std::string> reasons_;
};

}  // namespace x509
}  // namespace wssl
