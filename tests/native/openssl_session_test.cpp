// Saved sessions against a real `openssl s_server`: a session resumes only where it applies,
// the resumed connection reports the recorded facts, and the saved blob does not hold the
// TLS 1.2 master secret (which the server writes to its key log).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "support/peer_process.h"
#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

std::string cert(const std::string &name) { return cert_dir() + "/" + name; }

struct Fetched {
  int32_t handshake = 0;
  int32_t resumed = 0;
  uint32_t verify_flags = 0;
  std::vector<uint8_t> peer_der;
  std::vector<uint8_t> session;
};

// One HTTP request to s_server -www over a new connection from cfg; offers `offer` if given.
Fetched fetch(int port, int32_t cfg, const char *hostname, const std::vector<uint8_t> &offer = {}) {
  Fetched out;
  int fd = connect_loopback(port);
  EXPECT_GE(fd, 0);
  int32_t stream = register_stream(tcp_stream(fd));
  int32_t conn = wssl_conn_new(cfg, stream, hostname);
  if (!offer.empty())
    EXPECT_EQ(0, wssl_session_load(conn, offer.data(), static_cast<int32_t>(offer.size())));
  out.handshake = pump(fd, [&] { return wssl_handshake(conn); });
  if (out.handshake == 0) {
    out.resumed = wssl_session_resumed(conn);
    out.verify_flags = wssl_verify_flags(conn);
    const uint8_t *der = wssl_peer_cert_der(conn);
    if (der != nullptr) out.peer_der.assign(der, der + wssl_peer_cert_len(conn));
    const std::string request = "GET / HTTP/1.0\r\n\r\n";
    pump(fd, [&] {
      return wssl_write(conn, reinterpret_cast<const uint8_t *>(request.data()),
                        static_cast<int32_t>(request.size()));
    });
    for (int i = 0; i < 1000; ++i) {  // to the end: a TLS 1.3 ticket comes before the data
      uint8_t buf[4096];
      if (pump(fd, [&] { return wssl_read(conn, buf, sizeof buf); }) <= 0) break;
    }
    int32_t needed = wssl_session_save(conn, nullptr, 0);
    if (needed > 0) {
      out.session.resize(static_cast<size_t>(needed));
      wssl_session_save(conn, out.session.data(), needed);
    }
  }
  wssl_close(conn);
  unregister_stream(stream);
  return out;
}

std::vector<uint8_t> from_hex(const std::string &hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

class OpenSslSessions : public ::testing::TestWithParam<const char *> {
 protected:
  void SetUp() override {
    keylog_ = ::testing::TempDir() + "wssl-keylog-" + std::to_string(::getpid()) + ".txt";
    std::remove(keylog_.c_str());
    server_.reset(new PeerProcess({"openssl", "s_server", "-accept", "127.0.0.1:0", GetParam(),
                                   "-cert", cert("server.crt"), "-key", cert("server.key"),
                                   "-keylogfile", keylog_, "-www"}));
    port_ = server_->wait_for_accept_port();
    ASSERT_GT(port_, 0) << server_->output();
  }
  void TearDown() override {
    server_.reset();
    std::remove(keylog_.c_str());
  }
  std::string keylog_;
  std::unique_ptr<PeerProcess> server_;
  int port_ = 0;
};

TEST_P(OpenSslSessions, ResumesOnlyForTheSameNameAndReportsTheRecordedFacts) {
  int32_t cfg = client_config(), lax = client_config(WSSL_CERT_NONE);
  Fetched first = fetch(port_, cfg, "localhost");
  ASSERT_EQ(0, first.handshake) << wssl_error_name(first.handshake);
  ASSERT_FALSE(first.session.empty());

  Fetched again = fetch(port_, cfg, "localhost", first.session);
  ASSERT_EQ(0, again.handshake) << wssl_error_name(again.handshake);
  EXPECT_EQ(1, again.resumed);
  EXPECT_EQ(0u, again.verify_flags);
  EXPECT_EQ(cert_file("server.der"), again.peer_der) << "the recorded leaf";

  Fetched other_name = fetch(port_, lax, "victim.example", first.session);
  EXPECT_EQ(0, other_name.handshake) << wssl_error_name(other_name.handshake);
  EXPECT_EQ(0, other_name.resumed);

  Fetched other_name_required = fetch(port_, cfg, "victim.example", first.session);
  EXPECT_EQ(WSSL_ERR_CERT_VERIFY_FAILED, other_name_required.handshake)
      << wssl_error_name(other_name_required.handshake);
  wssl_config_free(cfg);
  wssl_config_free(lax);
}

TEST_P(OpenSslSessions, TheBlobHoldsNoTls12MasterSecret) {
  if (std::string(GetParam()) != "-tls1_2") GTEST_SKIP() << "TLS 1.3 logs no resumption secret";
  int32_t cfg = client_config();
  Fetched first = fetch(port_, cfg, "localhost");
  ASSERT_EQ(0, first.handshake);
  ASSERT_FALSE(first.session.empty());
  std::vector<uint8_t> master;
  for (int i = 0; i < 100 && master.empty(); ++i) {  // s_server may write the log a moment later
    std::ifstream log(keylog_);
    std::string line;
    while (std::getline(log, line)) {
      std::istringstream fields(line);
      std::string label, random, secret;
      if (fields >> label >> random >> secret && label == "CLIENT_RANDOM") master = from_hex(secret);
    }
    if (master.empty()) ::usleep(20000);
  }
  ASSERT_EQ(48u, master.size()) << "no CLIENT_RANDOM line in the key log";
  for (size_t at = 0; at + 8 <= master.size(); at += 8)
    EXPECT_EQ(first.session.end(), std::search(first.session.begin(), first.session.end(),
                                               master.begin() + static_cast<long>(at),
                                               master.begin() + static_cast<long>(at) + 8))
        << "master secret bytes " << at << ".." << at + 8 << " are in the blob";
  wssl_config_free(cfg);
}

INSTANTIATE_TEST_SUITE_P(Versions, OpenSslSessions, ::testing::Values("-tls1_3", "-tls1_2"),
                         [](const auto &info) {
                           return std::string(info.param) == "-tls1_3" ? "TLS13" : "TLS12";
                         });

}  // namespace
