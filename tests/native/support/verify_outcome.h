// One verified handshake between engine peers, and what the verifying side concluded: for
// tests of certificate rules, in both directions.
#pragma once

#include <cstdint>
#include <string>

namespace wssl_test {

struct VerifyOutcome {
  int32_t result;     // the verifying side's handshake result
  uint32_t flags;     // its wssl_verify_flags
  std::string info;   // its wssl_verify_info, each line after "\n"
};

// A CERT_REQUIRED (or cert_reqs) client trusting `cadata` checks the server serving
// `served` (NAME.crt + NAME.key) under `hostname`, with verify `profile` (-1: the default).
VerifyOutcome client_verifies(const std::string &served, const char *hostname,
                              const std::string &cadata = "ca.der",
                              int32_t cert_reqs = 2, int32_t profile = -1);

// A CERT_REQUIRED server trusting `cadata` checks the client certificate `presented`.
VerifyOutcome server_verifies(const std::string &presented, const std::string &cadata = "ca.der",
                              int32_t profile = -1);

}  // namespace wssl_test
