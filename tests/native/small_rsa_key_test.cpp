// Servers with small RSA keys, as in MicroPython's tests. TLS 1.3 signs with RSA only by
// RSA-PSS, which a 512-bit key cannot do with any hash: such a server negotiates TLS 1.2
// (PKCS#1 v1.5 signatures) with a client that offers both. A 1024-bit key serves TLS 1.3.
#include <gtest/gtest.h>

#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

struct Outcome {
  int32_t result;
  std::string version;
};

Outcome handshake_with(const char *server_cert, int32_t server_min, int32_t server_max) {
  int32_t ccfg = client_config(WSSL_CERT_NONE);  // the key is the subject here, not the chain
  int32_t scfg = server_config(server_cert);
  EXPECT_EQ(0, wssl_config_set_versions(scfg, server_min, server_max));
  Outcome out;
  {
    Pair pair(ccfg, scfg);
    out.result = pair.handshake();
    if (out.result == 0) out.version = wssl_version(pair.client.conn);
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
  return out;
}

TEST(SmallRsaKey, A512BitServerKeyNegotiatesTls12) {
  Outcome out = handshake_with("server-rsa512", WSSL_TLS1_2, WSSL_TLS1_3);
  EXPECT_EQ(0, out.result) << wssl_error_name(out.result);
  EXPECT_EQ("TLSv1.2", out.version);
}

TEST(SmallRsaKey, A512BitServerKeyHeldToTls13FailsWithAClearError) {
  Outcome out = handshake_with("server-rsa512", WSSL_TLS1_3, WSSL_TLS1_3);
  EXPECT_STREQ("MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE", wssl_error_name(out.result));
}

TEST(SmallRsaKey, A1024BitServerKeyServesTls13) {
  Outcome out = handshake_with("server-rsa1024", WSSL_TLS1_2, WSSL_TLS1_3);
  EXPECT_EQ(0, out.result) << wssl_error_name(out.result);
  EXPECT_EQ("TLSv1.3", out.version);
}

}  // namespace
