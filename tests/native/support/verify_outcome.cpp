#include "verify_outcome.h"

#include <gtest/gtest.h>

#include "tls_fixtures.h"

namespace wssl_test {
namespace {

// What the verifying side of a finished handshake concluded.
VerifyOutcome outcome_of(int32_t result, int32_t conn) {
  return {result, wssl_verify_flags(conn), wssl_verify_info(conn, "\n")};
}

}  // namespace

VerifyOutcome client_verifies(const std::string &served, const char *hostname,
                              const std::string &cadata, int32_t cert_reqs, int32_t profile) {
  int32_t ccfg = client_config(cert_reqs, cadata);
  if (profile >= 0) EXPECT_EQ(0, wssl_config_set_verify_profile(ccfg, profile));
  int32_t scfg = server_config(served);
  VerifyOutcome out;
  {
    Pair pair(ccfg, scfg, hostname);
    pair.handshake();
    out = outcome_of(pair.client_result, pair.client.conn);
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
  return out;
}

VerifyOutcome server_verifies(const std::string &presented, const std::string &cadata,
                              int32_t profile) {
  int32_t ccfg = client_config(WSSL_CERT_NONE, "");
  set_own_cert(ccfg, presented);
  int32_t scfg = server_config("server", WSSL_CERT_REQUIRED);
  if (profile >= 0) EXPECT_EQ(0, wssl_config_set_verify_profile(scfg, profile));
  auto ca = cert_file(cadata);
  EXPECT_GT(wssl_config_add_ca(scfg, ca.data(), static_cast<int32_t>(ca.size())), 0);
  VerifyOutcome out;
  {
    Pair pair(ccfg, scfg);
    pair.handshake();
    out = outcome_of(pair.server_result, pair.server.conn);
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
  return out;
}

}  // namespace wssl_test
