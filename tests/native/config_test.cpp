// Configuration inputs: keys and certificates in every form, cipher suites, bad arguments.
#include <gtest/gtest.h>

#include <string>

#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

int32_t load_pair(int32_t cfg, const std::string &cert, const std::string &key) {
  auto c = cert_file(cert), k = cert_file(key);
  return wssl_config_set_own_cert(cfg, c.data(), static_cast<int32_t>(c.size()), k.data(),
                                  static_cast<int32_t>(k.size()));
}

TEST(OwnCert, KeysInEveryFormAreAccepted) {
  int32_t cfg = wssl_config_new(WSSL_SERVER);
  EXPECT_EQ(0, load_pair(cfg, "server.crt", "server.key")) << "PEM PKCS#8";
  EXPECT_EQ(0, load_pair(cfg, "server.der", "server.key.der")) << "DER PKCS#8";
  EXPECT_EQ(0, load_pair(cfg, "server.crt", "server-sec1.key")) << "PEM SEC1";
  EXPECT_EQ(0, load_pair(cfg, "server-rsa.crt", "server-rsa.key")) << "RSA";
  EXPECT_EQ(0, load_pair(cfg, "chained-bundle.crt", "chained.key")) << "chain";
  wssl_config_free(cfg);
}

TEST(OwnCert, BadInputsGiveMicroPythonsErrors) {
  int32_t cfg = wssl_config_new(WSSL_SERVER);
  auto crt = cert_file("server.crt");
  const uint8_t bang[] = {'!'};
  EXPECT_EQ(WSSL_ERR_INVALID_KEY, wssl_config_set_own_cert(cfg, crt.data(), static_cast<int32_t>(crt.size()), bang, 1));
  auto key = cert_file("server.key");
  EXPECT_EQ(WSSL_ERR_INVALID_CERT, wssl_config_set_own_cert(cfg, bang, 1, key.data(), static_cast<int32_t>(key.size())));
  // The key is checked first, as in MicroPython.
  EXPECT_EQ(WSSL_ERR_INVALID_KEY, wssl_config_set_own_cert(cfg, bang, 1, bang, 1));
  // A valid key that is not the certificate's.
  EXPECT_EQ(WSSL_ERR_INVALID_KEY, load_pair(cfg, "server.crt", "client.key"));
  EXPECT_STREQ("MBEDTLS_ERR_PK_BAD_INPUT_DATA", wssl_error_name(WSSL_ERR_INVALID_KEY));
  EXPECT_STREQ("MBEDTLS_ERR_X509_BAD_INPUT_DATA", wssl_error_name(WSSL_ERR_INVALID_CERT));
  EXPECT_EQ(WSSL_EINVAL, wssl_config_set_own_cert(cfg, nullptr, 5, key.data(), 3));
  EXPECT_EQ(WSSL_EINVAL, wssl_config_set_own_cert(cfg, crt.data(), -1, key.data(), 3));
  wssl_config_free(cfg);
}

TEST(OwnCert, TheLastLoadedCertificateIsTheOneServed) {
  int32_t scfg = wssl_config_new(WSSL_SERVER);
  ASSERT_EQ(0, load_pair(scfg, "server-rsa.crt", "server-rsa.key"));
  ASSERT_EQ(0, load_pair(scfg, "server.crt", "server.key"));
  int32_t ccfg = client_config();
  Pair pair(ccfg, scfg);
  ASSERT_EQ(0, pair.handshake());
  EXPECT_EQ(static_cast<int32_t>(cert_file("server.der").size()), wssl_peer_cert_len(pair.client.conn));
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

TEST(Ciphers, ListedByMbedtlsNameAndChosenByName) {
  std::string all = wssl_ciphers_available();
  EXPECT_NE(std::string::npos, all.find("TLS1-3-CHACHA20-POLY1305-SHA256")) << all;
  EXPECT_NE(std::string::npos, all.find("TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256")) << all;
  // MicroPython's CBC suites are there, after every AEAD suite.
  EXPECT_NE(std::string::npos, all.find("TLS-RSA-WITH-AES-256-CBC-SHA256")) << all;
  EXPECT_LT(all.rfind("GCM"), all.find("CBC")) << "CBC only after AEAD: " << all;
  EXPECT_LT(all.rfind("CHACHA20"), all.find("CBC")) << all;
  int32_t ccfg = client_config();
  EXPECT_EQ(WSSL_ERR_BAD_CONFIG, wssl_config_set_ciphers(ccfg, "BAR"));
  EXPECT_EQ(WSSL_ERR_BAD_CONFIG, wssl_config_set_ciphers(ccfg, ""));
  EXPECT_STREQ("MBEDTLS_ERR_SSL_BAD_CONFIG", wssl_error_name(WSSL_ERR_BAD_CONFIG));
  for (const char *suite : {"TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256",
                            "TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384"}) {
    ASSERT_EQ(0, wssl_config_set_ciphers(ccfg, suite));
    int32_t scfg = server_config();
    {
      Pair pair(ccfg, scfg);
      ASSERT_EQ(0, pair.handshake());
      EXPECT_STREQ(suite, wssl_cipher(pair.client.conn));
    }
    wssl_config_free(scfg);
  }
  wssl_config_free(ccfg);
}

TEST(Handles, StaleAndForgedHandlesAreEbadf) {
  EXPECT_EQ(WSSL_EBADF, wssl_config_set_verify_mode(999999, 0));
  EXPECT_EQ(WSSL_EBADF, wssl_handshake(-5));
  EXPECT_EQ(WSSL_EBADF, wssl_conn_new(424242, 1, nullptr));
  EXPECT_EQ(nullptr, wssl_version(77777));
  EXPECT_EQ(WSSL_EINVAL, wssl_config_new(7));
  int32_t cfg = wssl_config_new(WSSL_CLIENT);
  EXPECT_EQ(0, wssl_config_free(cfg));
  EXPECT_EQ(WSSL_EBADF, wssl_config_free(cfg));
}

TEST(Handles, AConnectionKeepsItsConfigAndSettingsAsTheyWere) {
  int32_t ccfg = client_config(), scfg = server_config();
  Pair pair(ccfg, scfg);
  // Changing or freeing the configs afterwards does not touch the live connections.
  wssl_config_set_verify_mode(ccfg, WSSL_CERT_NONE);
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
  ASSERT_EQ(0, pair.handshake());
  EXPECT_EQ(0u, wssl_verify_flags(pair.client.conn)) << "still verified (CERT_REQUIRED)";
}

TEST(Errors, NamesAndReasonsComeFromMbedtlsHeaders) {
  EXPECT_STREQ("MBEDTLS_ERR_SSL_CONN_EOF", wssl_error_name(-0x7280));
  EXPECT_STREQ("The connection indicated an EOF.", wssl_error_reason(-0x7280));
  EXPECT_STREQ("MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", wssl_error_name(-0x2700));
  EXPECT_STREQ("ECONNRESET", wssl_error_name(-104));
  EXPECT_STREQ("MBEDTLS_ERR_X509_INVALID_FORMAT+MBEDTLS_ERR_ASN1_OUT_OF_DATA",
               wssl_error_name(-0x2180 - 0x60));
  EXPECT_STREQ("UNKNOWN_ERROR", wssl_error_name(12345));
  EXPECT_STREQ("Mbed TLS 3.6.6", wssl_mbedtls_version());
}

TEST(Heap, ConnectionsReturnTheirMemory) {
  int32_t ccfg = client_config(), scfg = server_config();
  { Pair warm(ccfg, scfg); warm.handshake(); }
  int32_t baseline = wssl_heap_stats(0);
  for (int i = 0; i < 20; ++i) {
    Pair pair(ccfg, scfg);
    ASSERT_EQ(0, pair.handshake());
    EXPECT_GT(wssl_heap_stats(0), baseline);
  }
  EXPECT_EQ(baseline, wssl_heap_stats(0));
  wssl_heap_stats(2);
  EXPECT_EQ(wssl_heap_stats(0), wssl_heap_stats(1));
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

}  // namespace
