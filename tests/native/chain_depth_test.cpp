// max_chain_depth: the most intermediate CA certificates between the peer's certificate and
// the trust anchor (OpenSSL's verify_depth), when a config sets one.
#include <gtest/gtest.h>

#include <string>

#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

struct Result {
  int32_t handshake;
  std::string info;
};

// The RSA chain: rsa-ca (anchor) -> rsa-intermediate -> leaf.
Result with_max_depth(int32_t depth, const std::string &served, const std::string &cadata) {
  int32_t ccfg = client_config(WSSL_CERT_REQUIRED, cadata);
  EXPECT_EQ(0, wssl_config_set_max_chain_depth(ccfg, depth));
  int32_t scfg = server_config(served);
  Result r;
  {
    Pair pair(ccfg, scfg);
    r.handshake = pair.handshake();
    r.info = wssl_verify_info(pair.client.conn, "\n");
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
  return r;
}

TEST(MaxChainDepth, CountsIntermediatesOnly) {
  Result refused = with_max_depth(0, "chained-rsa-chain", "rsa-ca.der");
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, refused.handshake) << wssl_error_name(refused.handshake);
  EXPECT_NE(std::string::npos,
            refused.info.find("\nthe chain has 1 intermediate certificates, more than max_chain_depth=0\n"))
      << refused.info;
  EXPECT_EQ(0, with_max_depth(1, "chained-rsa-chain", "rsa-ca.der").handshake);
  EXPECT_EQ(0, with_max_depth(0, "server", "ca.der").handshake);
  EXPECT_EQ(0, with_max_depth(-1, "chained-rsa-chain", "rsa-ca.der").handshake);
}

TEST(MaxChainDepth, SetterRefusesNegativeDepths) {
  int32_t cfg = wssl_config_new(WSSL_CLIENT);
  EXPECT_EQ(WSSL_EINVAL, wssl_config_set_max_chain_depth(cfg, -2));
  EXPECT_EQ(0, wssl_config_set_max_chain_depth(cfg, 3));
  wssl_config_free(cfg);
}

}  // namespace
