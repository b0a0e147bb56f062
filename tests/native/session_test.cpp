// What a saved session may stand in for. Resuming skips the certificate checks, so a session
// must only resume a connection whose checks it has already passed (same trust anchors, same
// host name, a verification at least as strong), and the connection must then report the facts
// of that original verification. The blob itself is a secret: encrypted, not just signed.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "mbedtls/ssl.h"
#include "mbedtls/x509.h"
#include "session_seal.h"
#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

const int32_t kVersions[] = {WSSL_TLS1_2, WSSL_TLS1_3};

std::string version_name(int32_t v) { return v == WSSL_TLS1_2 ? "TLS 1.2" : "TLS 1.3"; }

// A client session from a first connection of ccfg to scfg (after data, so that a TLS 1.3
// ticket has arrived). The handshake must succeed; the session is saved whatever it verified.
std::vector<uint8_t> first_session(int32_t ccfg, int32_t scfg, const char *hostname = "localhost") {
  Pair first(ccfg, scfg, hostname);
  EXPECT_EQ(0, first.handshake()) << wssl_error_name(first.handshake());
  auto ping = random_bytes(10, 1);
  EXPECT_EQ(ping, transfer(first, false, ping));
  int32_t needed = wssl_session_save(first.client.conn, nullptr, 0);
  EXPECT_GT(needed, 0) << wssl_error_name(needed);
  if (needed <= 0) return {};
  std::vector<uint8_t> saved(static_cast<size_t>(needed));
  EXPECT_EQ(needed, wssl_session_save(first.client.conn, saved.data(), needed));
  return saved;
}

int32_t load(const Pair &pair, const std::vector<uint8_t> &saved) {
  return wssl_session_load(pair.client.conn, saved.data(), static_cast<int32_t>(saved.size()));
}

std::vector<uint8_t> peer_der(int32_t conn) {
  const uint8_t *p = wssl_peer_cert_der(conn);
  return p == nullptr ? std::vector<uint8_t>() : std::vector<uint8_t>(p, p + wssl_peer_cert_len(conn));
}

bool contains(const std::vector<uint8_t> &hay, const std::vector<uint8_t> &needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// A session saved without verification (CERT_NONE), or whose verification failed (CERT_OPTIONAL
// against an untrusted server), then offered under CERT_REQUIRED: not resumed, the chain is
// verified in full, and the untrusted server is refused.
TEST(SessionScope, AnUnverifiedSessionDoesNotServeCertRequired) {
  for (int32_t first_mode : {WSSL_CERT_NONE, WSSL_CERT_OPTIONAL}) {
    for (int32_t max : kVersions) {
      SCOPED_TRACE(version_name(max) + ", first connection cert_reqs " + std::to_string(first_mode));
      int32_t ccfg = client_config(first_mode), scfg = server_config("untrusted");
      wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
      std::vector<uint8_t> saved = first_session(ccfg, scfg);
      ASSERT_FALSE(saved.empty());
      ASSERT_EQ(0, wssl_config_set_verify_mode(ccfg, WSSL_CERT_REQUIRED));  // same anchors
      Pair second(ccfg, scfg);
      EXPECT_EQ(0, load(second, saved)) << "not applicable is not an error";
      EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, second.handshake());
      EXPECT_EQ(0, wssl_session_resumed(second.client.conn));
      EXPECT_NE(0u, wssl_verify_flags(second.client.conn) & MBEDTLS_X509_BADCERT_NOT_TRUSTED);
      wssl_config_free(ccfg);
      wssl_config_free(scfg);
    }
  }
}

// The same failed session under CERT_OPTIONAL again may resume, and says it was not verified.
TEST(SessionScope, AFailedSessionResumedUnderOptionalReportsItsFailure) {
  for (int32_t max : kVersions) {
    SCOPED_TRACE(version_name(max));
    int32_t ccfg = client_config(WSSL_CERT_OPTIONAL), scfg = server_config("untrusted");
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    std::vector<uint8_t> saved = first_session(ccfg, scfg);
    Pair second(ccfg, scfg);
    ASSERT_EQ(0, load(second, saved));
    ASSERT_EQ(0, second.handshake());
    EXPECT_EQ(1, wssl_session_resumed(second.client.conn));
    EXPECT_NE(0u, wssl_verify_flags(second.client.conn) & MBEDTLS_X509_BADCERT_NOT_TRUSTED);
    EXPECT_NE(std::string(""), wssl_verify_info(second.client.conn, ""));
    EXPECT_EQ(cert_file("untrusted.der"), peer_der(second.client.conn));
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

// A session saved for "localhost" offered for another name: a full handshake (no mbedtls
// BAD_INPUT_DATA in TLS 1.3), whose name check then refuses the server under CERT_REQUIRED.
TEST(SessionScope, AnotherHostNameRunsAFullHandshake) {
  for (int32_t mode : {WSSL_CERT_NONE, WSSL_CERT_REQUIRED}) {
    for (int32_t max : kVersions) {
      SCOPED_TRACE(version_name(max) + ", cert_reqs " + std::to_string(mode));
      int32_t ccfg = client_config(mode), scfg = server_config();
      wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
      std::vector<uint8_t> saved = first_session(ccfg, scfg);
      Pair second(ccfg, scfg, "victim.example");
      EXPECT_EQ(0, load(second, saved));
      int32_t result = second.handshake();
      EXPECT_EQ(mode == WSSL_CERT_REQUIRED ? WSSL_ERR_CERT_VERIFY_FAILED : 0, result)
          << wssl_error_name(result);
      EXPECT_EQ(0, wssl_session_resumed(second.client.conn));
      if (mode == WSSL_CERT_REQUIRED)
        EXPECT_NE(0u, wssl_verify_flags(second.client.conn) & MBEDTLS_X509_BADCERT_CN_MISMATCH);
      wssl_config_free(ccfg);
      wssl_config_free(scfg);
    }
  }
}

// Other trust anchors (here one CA more): a full handshake, verified against the new bundle.
TEST(SessionScope, OtherTrustAnchorsRunAFullHandshake) {
  for (int32_t max : kVersions) {
    SCOPED_TRACE(version_name(max));
    int32_t ccfg = client_config(), scfg = server_config();
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    std::vector<uint8_t> saved = first_session(ccfg, scfg);
    int32_t other = client_config();
    wssl_config_set_versions(other, WSSL_TLS1_2, max);
    auto more = cert_file("other-ca.der");
    ASSERT_EQ(1, wssl_config_add_ca(other, more.data(), static_cast<int32_t>(more.size())));
    Pair second(other, scfg);
    EXPECT_EQ(0, load(second, saved));
    EXPECT_EQ(0, second.handshake());
    EXPECT_EQ(0, wssl_session_resumed(second.client.conn));
    wssl_config_free(other);
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

// A verified session serves the same settings (also in another config with the same anchors)
// and weaker ones, and the resumed connection reports the recorded peer and verdict.
TEST(SessionScope, AVerifiedSessionResumesWithTheRecordedFacts) {
  for (int32_t max : kVersions) {
    int32_t ccfg = client_config(), scfg = server_config();
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    std::vector<uint8_t> saved = first_session(ccfg, scfg);
    for (int32_t mode : {WSSL_CERT_REQUIRED, WSSL_CERT_OPTIONAL, WSSL_CERT_NONE}) {
      SCOPED_TRACE(version_name(max) + ", cert_reqs " + std::to_string(mode));
      int32_t again = client_config(mode);
      wssl_config_set_versions(again, WSSL_TLS1_2, max);
      Pair second(again, scfg);
      ASSERT_EQ(0, load(second, saved));
      ASSERT_EQ(0, second.handshake());
      EXPECT_EQ(1, wssl_session_resumed(second.client.conn));
      EXPECT_EQ(0u, wssl_verify_flags(second.client.conn)) << "verified in the first handshake";
      EXPECT_EQ(cert_file("server.der"), peer_der(second.client.conn));
      const char *json = wssl_peer_cert_json(second.client.conn);
      ASSERT_NE(nullptr, json);
      EXPECT_NE(std::string::npos, std::string(json).find("CN=localhost")) << json;
      // Its own session carries the same facts on: a third connection resumes under REQUIRED.
      auto ping = random_bytes(10, 2);
      ASSERT_EQ(ping, transfer(second, false, ping));
      std::vector<uint8_t> next(static_cast<size_t>(wssl_session_save(second.client.conn, nullptr, 0)));
      ASSERT_FALSE(next.empty());
      wssl_session_save(second.client.conn, next.data(), static_cast<int32_t>(next.size()));
      Pair third(ccfg, scfg);
      ASSERT_EQ(0, load(third, next));
      ASSERT_EQ(0, third.handshake());
      EXPECT_EQ(1, wssl_session_resumed(third.client.conn));
      EXPECT_EQ(cert_file("server.der"), peer_der(third.client.conn));
      wssl_config_free(again);
    }
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

// The blob is encrypted: neither the host name nor the server's certificate (both inside
// mbedtls' serialized session) appear in it; it opens only under this instance's key, and
// any altered byte (format, nonce, ciphertext, tag) is refused.
TEST(SessionBlob, IsEncryptedAndAuthenticated) {
  for (int32_t max : kVersions) {
    SCOPED_TRACE(version_name(max));
    int32_t ccfg = client_config(), scfg = server_config();
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    std::vector<uint8_t> saved = first_session(ccfg, scfg);
    ASSERT_FALSE(saved.empty());
    const std::string name = "localhost";
    EXPECT_FALSE(contains(saved, std::vector<uint8_t>(name.begin(), name.end())));
    auto leaf = cert_file("server.der");
    EXPECT_FALSE(contains(saved, std::vector<uint8_t>(leaf.begin() + 100, leaf.begin() + 132)));
    for (size_t at : {size_t{0}, size_t{5}, saved.size() / 2, saved.size() - 1}) {
      std::vector<uint8_t> altered = saved;
      altered[at] ^= 1;
      Pair second(ccfg, scfg);
      EXPECT_EQ(MBEDTLS_ERR_SSL_BAD_INPUT_DATA, load(second, altered)) << "byte " << at;
      EXPECT_EQ(0, second.handshake()) << "a refused session leaves a full handshake";
      EXPECT_EQ(0, wssl_session_resumed(second.client.conn));
    }
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

TEST(SessionBlob, SealedPlaintextIsNotInTheBlobAndOpensOnlyUnderTheSameKey) {
  ASSERT_EQ(0, wssl_config_free(wssl_config_new(WSSL_CLIENT)));  // initialises the crypto
  std::vector<uint8_t> plain = random_bytes(200, 7);
  std::vector<uint8_t> blob = wssl::seal_session(plain);
  ASSERT_EQ(plain.size() + 29, blob.size());
  EXPECT_FALSE(contains(blob, std::vector<uint8_t>(plain.begin(), plain.begin() + 8)));
  EXPECT_NE(blob, wssl::seal_session(plain)) << "a fresh nonce per blob";
  std::vector<uint8_t> opened;
  ASSERT_TRUE(wssl::open_session(blob.data(), blob.size(), &opened));
  EXPECT_EQ(plain, opened);
  ASSERT_EQ(0, wssl::init_session_key());  // another instance's key
  EXPECT_FALSE(wssl::open_session(blob.data(), blob.size(), &opened));
  EXPECT_TRUE(opened.empty());
}

}  // namespace
