// What MicroPython's tls.SSLContext adds to the seed: the verify callback, PSK; and what
// TLS users expect besides: ALPN and session resumption.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "mbedtls/ssl.h"
#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

// Pumps a handshake in which the client pauses for its verify callback; `decide` sees each
// (depth, der) and returns the verdict.
int32_t handshake_with_callback(Pair &pair, std::vector<int32_t> *depths,
                                int32_t verdict, std::vector<uint8_t> *leaf) {
  int32_t c = WSSL_WANT_READ, s = WSSL_WANT_READ;
  for (int i = 0; i < 10000; ++i) {
    if (is_want(c)) c = wssl_handshake(pair.client.conn);
    if (c == WSSL_WANT_VERIFY) {
      for (int32_t k = 0; k < wssl_verify_chain_length(pair.client.conn); ++k) {
        depths->push_back(wssl_verify_chain_depth(pair.client.conn, k));
        if (wssl_verify_chain_depth(pair.client.conn, k) == 0)
          leaf->assign(wssl_verify_chain_der(pair.client.conn, k),
                       wssl_verify_chain_der(pair.client.conn, k) +
                           wssl_verify_chain_der_len(pair.client.conn, k));
      }
      EXPECT_EQ(WSSL_WANT_VERIFY, wssl_handshake(pair.client.conn)) << "stays paused";
      c = wssl_verify_complete(pair.client.conn, verdict);
      if (c == 0) c = WSSL_WANT_READ;
    }
    if (is_want(s)) s = wssl_handshake(pair.server.conn);
    if (!is_want(c) && (!is_want(s) || c != 0)) break;
  }
  return c;
}

TEST(VerifyCallback, SeesTheChainRootFirstAndCanAccept) {
  int32_t ccfg = client_config(), scfg = server_config();
  wssl_config_set_verify_callback(ccfg, 1);
  Pair pair(ccfg, scfg);
  std::vector<int32_t> depths;
  std::vector<uint8_t> leaf;
  EXPECT_EQ(0, handshake_with_callback(pair, &depths, 0, &leaf));
  EXPECT_EQ((std::vector<int32_t>{1, 0}), depths);
  EXPECT_EQ(cert_file("server.der"), leaf);
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

TEST(VerifyCallback, ANonZeroVerdictVetoesWithThatValue) {
  int32_t ccfg = client_config(), scfg = server_config();
  wssl_config_set_verify_callback(ccfg, 1);
  Pair pair(ccfg, scfg);
  std::vector<int32_t> depths;
  std::vector<uint8_t> leaf;
  EXPECT_EQ(-0x2700, handshake_with_callback(pair, &depths, -0x2700, &leaf));
  EXPECT_EQ(-0x2700, wssl_handshake(pair.client.conn)) << "sticky";
  // The server was told with an alert and fails too.
  EXPECT_FALSE(is_want(wssl_handshake(pair.server.conn)));
  EXPECT_NE(0, wssl_handshake(pair.server.conn));
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

TEST(VerifyCallback, APositiveVerdictVetoesAsCertVerifyFailed) {
  int32_t ccfg = client_config(), scfg = server_config();
  wssl_config_set_verify_callback(ccfg, 1);
  Pair pair(ccfg, scfg);
  std::vector<int32_t> depths;
  std::vector<uint8_t> leaf;
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, handshake_with_callback(pair, &depths, 104, &leaf));
  EXPECT_EQ(0u, wssl_verify_flags(pair.client.conn)) << "mbedtls' own verdict: the chain is fine";
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

TEST(VerifyCallback, AcceptingDoesNotOverrideAFailedRequiredCheck) {
  int32_t ccfg = client_config(), scfg = server_config("untrusted");
  wssl_config_set_verify_callback(ccfg, 1);
  Pair pair(ccfg, scfg);
  std::vector<int32_t> depths;
  std::vector<uint8_t> leaf;
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, handshake_with_callback(pair, &depths, 0, &leaf));
  EXPECT_FALSE(depths.empty());
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

TEST(Psk, ClientIdentityAndServerTableInBothVersions) {
  const uint8_t id[] = "device-7", key[] = "0123456789abcdef";
  for (int32_t max : {WSSL_TLS1_2, WSSL_TLS1_3}) {
    int32_t ccfg = wssl_config_new(WSSL_CLIENT), scfg = wssl_config_new(WSSL_SERVER);
    wssl_config_set_verify_mode(ccfg, WSSL_CERT_NONE);
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    ASSERT_EQ(0, wssl_config_set_psk(ccfg, id, sizeof id - 1, key, sizeof key - 1));
    const uint8_t other[] = "device-1";
    ASSERT_EQ(0, wssl_config_set_psk(scfg, other, sizeof other - 1, key, 8));
    ASSERT_EQ(0, wssl_config_set_psk(scfg, id, sizeof id - 1, key, sizeof key - 1));
    {
      Pair pair(ccfg, scfg, nullptr);
      ASSERT_EQ(0, pair.handshake()) << wssl_error_name(pair.handshake());
      auto data = random_bytes(1000, 5);
      EXPECT_EQ(data, transfer(pair, true, data));
      EXPECT_EQ(0, wssl_peer_cert_len(pair.client.conn));
    }
    // An identity the server does not know fails.
    const uint8_t stranger[] = "stranger";
    wssl_config_set_psk(ccfg, stranger, sizeof stranger - 1, key, sizeof key - 1);
    {
      Pair pair(ccfg, scfg, nullptr);
      EXPECT_NE(0, pair.handshake());
    }
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

TEST(Alpn, BothSidesAgreeOnTheServersChoice) {
  int32_t ccfg = client_config(), scfg = server_config();
  ASSERT_EQ(0, wssl_config_set_alpn(ccfg, "h2,http/1.1"));
  ASSERT_EQ(0, wssl_config_set_alpn(scfg, "http/1.1"));
  Pair pair(ccfg, scfg);
  ASSERT_EQ(0, pair.handshake());
  EXPECT_STREQ("http/1.1", wssl_alpn_protocol(pair.client.conn));
  EXPECT_STREQ("http/1.1", wssl_alpn_protocol(pair.server.conn));
  EXPECT_EQ(WSSL_EINVAL, wssl_config_set_alpn(ccfg, "a,,b"));
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

TEST(Resumption, ASavedSessionAbbreviatesTheNextHandshake) {
  for (int32_t max : {WSSL_TLS1_2, WSSL_TLS1_3}) {
    int32_t ccfg = client_config(), scfg = server_config();
    wssl_config_set_versions(ccfg, WSSL_TLS1_2, max);
    std::vector<uint8_t> saved;
    {
      Pair first(ccfg, scfg);
      ASSERT_EQ(0, first.handshake());
      // TLS 1.3 tickets arrive after the handshake: exchange data so the client reads one.
      auto ping = random_bytes(10, 1);
      ASSERT_EQ(ping, transfer(first, false, ping));
      int32_t needed = wssl_session_save(first.client.conn, nullptr, 0);
      ASSERT_GT(needed, 0) << wssl_error_name(needed);
      saved.resize(static_cast<size_t>(needed));
      ASSERT_EQ(needed, wssl_session_save(first.client.conn, saved.data(), needed));
      EXPECT_EQ(0, wssl_session_resumed(first.client.conn));
    }
    Pair second(ccfg, scfg);
    ASSERT_EQ(0, wssl_session_load(second.client.conn, saved.data(), static_cast<int32_t>(saved.size())));
    ASSERT_EQ(0, second.handshake());
    EXPECT_EQ(1, wssl_session_resumed(second.client.conn)) << "max version " << std::hex << max;
    EXPECT_EQ(1, wssl_session_resumed(second.server.conn));
    auto data = random_bytes(100, 9);
    EXPECT_EQ(data, transfer(second, true, data));
    wssl_config_free(ccfg);
    wssl_config_free(scfg);
  }
}

// A TLS 1.3 client session saved after reading the server's ticket.
std::vector<uint8_t> saved_tls13_session(int32_t ccfg, int32_t scfg) {
  Pair first(ccfg, scfg);
  EXPECT_EQ(0, first.handshake());
  auto ping = random_bytes(10, 1);
  EXPECT_EQ(ping, transfer(first, false, ping));
  std::vector<uint8_t> saved(static_cast<size_t>(wssl_session_save(first.client.conn, nullptr, 0)));
  wssl_session_save(first.client.conn, saved.data(), static_cast<int32_t>(saved.size()));
  return saved;
}

TEST(Resumption, OnlySessionsThisInstanceSavedAreLoaded) {
  // mbedtls_ssl_session_load() trusts its input: a TLS 1.3 session whose host name lost its
  // terminating NUL made mbedtls read past the name (heap overflow, found by the client
  // transport fuzzer). Saved sessions are sealed; anything altered is refused before mbedtls.
  int32_t ccfg = client_config(), scfg = server_config();
  std::vector<uint8_t> saved = saved_tls13_session(ccfg, scfg);
  ASSERT_FALSE(saved.empty());
  // The host name is encrypted in the blob (session_test.cpp), so the unterminated name
  // cannot be written from outside any more; any altered or cut blob is refused.
  std::vector<uint8_t> flipped = saved;
  flipped[flipped.size() / 2] ^= 1;
  std::vector<uint8_t> cut(saved.begin(), saved.end() - 1);
  for (const auto &altered : {flipped, cut}) {
    Pair second(ccfg, scfg);
    EXPECT_EQ(MBEDTLS_ERR_SSL_BAD_INPUT_DATA,
              wssl_session_load(second.client.conn, altered.data(), static_cast<int32_t>(altered.size())));
    EXPECT_EQ(0, second.handshake()) << "a refused session leaves a full handshake";
    EXPECT_EQ(0, wssl_session_resumed(second.client.conn));
  }
  wssl_config_free(ccfg);
  wssl_config_free(scfg);
}

}  // namespace
