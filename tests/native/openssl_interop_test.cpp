// The native engine against real OpenSSL peers on loopback: as a client to `openssl
// s_server`, as a server to `openssl s_client`, in TLS 1.2 and 1.3.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "support/peer_process.h"
#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

struct Version {
  const char *openssl_flag;
  const char *name;
};

std::ostream &operator<<(std::ostream &os, const Version &v) { return os << v.name; }

class OpenSslInterop : public ::testing::TestWithParam<Version> {};

std::string cert(const std::string &name) { return cert_dir() + "/" + name; }

TEST_P(OpenSslInterop, EngineClientToOpenSslServer) {
  PeerProcess server({"openssl", "s_server", "-accept", "127.0.0.1:0", GetParam().openssl_flag,
                      "-cert", cert("server.crt"), "-key", cert("server.key"), "-www"});
  std::string accept = server.wait_for("ACCEPT");
  ASSERT_FALSE(accept.empty()) << server.output();
  int port = std::stoi(accept.substr(accept.rfind(':') + 1));

  int32_t cfg = client_config();
  int fd = connect_loopback(port);
  ASSERT_GE(fd, 0);
  int32_t stream = register_stream(tcp_stream(fd));
  int32_t conn = wssl_conn_new(cfg, stream, "localhost");
  ASSERT_EQ(0, pump(fd, [&] { return wssl_handshake(conn); }));
  EXPECT_STREQ(GetParam().name, wssl_version(conn));
  EXPECT_EQ(0u, wssl_verify_flags(conn));

  const std::string request = "GET / HTTP/1.0\r\n\r\n";
  ASSERT_EQ(static_cast<int>(request.size()),
            pump(fd, [&] {
              return wssl_write(conn, reinterpret_cast<const uint8_t *>(request.data()),
                                static_cast<int32_t>(request.size()));
            }));
  std::string response;
  for (int i = 0; i < 1000; ++i) {
    uint8_t buf[4096];
    int n = pump(fd, [&] { return wssl_read(conn, buf, sizeof buf); });
    if (n <= 0) break;
    response.append(reinterpret_cast<char *>(buf), static_cast<size_t>(n));
  }
  EXPECT_NE(std::string::npos, response.find("HTTP/1.0 200 ok")) << response.substr(0, 200);
  // s_server -www reports the session it negotiated: the same protocol and cipher.
  EXPECT_NE(std::string::npos, response.find(std::string("Protocol  : ") + GetParam().name))
      << response;
  wssl_close(conn);
  unregister_stream(stream);
  wssl_config_free(cfg);
}

TEST_P(OpenSslInterop, OpenSslClientToEngineServer) {
  int32_t cfg = server_config("server", WSSL_CERT_REQUIRED);
  auto ca = cert_file("ca.crt");
  wssl_config_add_ca(cfg, ca.data(), static_cast<int32_t>(ca.size()));
  Listener listener;
  PeerProcess client({"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(listener.port),
                      GetParam().openssl_flag, "-CAfile", cert("ca.crt"), "-verify_return_error",
                      "-verify_hostname", "localhost", "-cert", cert("client.crt"), "-key",
                      cert("client.key"), "-brief"});
  int fd = listener.accept();
  ASSERT_GE(fd, 0);
  int32_t stream = register_stream(tcp_stream(fd));
  int32_t conn = wssl_conn_new(cfg, stream, nullptr);
  ASSERT_EQ(0, pump(fd, [&] { return wssl_handshake(conn); }));
  EXPECT_STREQ(GetParam().name, wssl_version(conn));
  EXPECT_EQ(static_cast<int32_t>(cert_file("client.der").size()), wssl_peer_cert_len(conn));
  EXPECT_NE("", client.wait_for(std::string("Protocol version: ") + GetParam().name)) << client.output();
  EXPECT_NE("", client.wait_for("Verification: OK")) << client.output();

  client.send("ping from openssl\n");
  uint8_t buf[256];
  int n = pump(fd, [&] { return wssl_read(conn, buf, sizeof buf); });
  ASSERT_GT(n, 0) << wssl_error_name(n);
  EXPECT_EQ("ping from openssl\n", std::string(reinterpret_cast<char *>(buf), static_cast<size_t>(n)));
  const std::string reply = "pong from wasm-ssl\n";
  pump(fd, [&] {
    return wssl_write(conn, reinterpret_cast<const uint8_t *>(reply.data()),
                      static_cast<int32_t>(reply.size()));
  });
  EXPECT_NE("", client.wait_for("pong from wasm-ssl")) << client.output();
  wssl_close(conn);
  unregister_stream(stream);
  wssl_config_free(cfg);
}

// An OpenSSL TLS 1.2 server with an RSA key signs its key exchange with the first RSA scheme in
// the client's list that TLS 1.2 allows. mbedtls 3.6.6 lists RSA-PSS first but refuses a TLS 1.2
// RSA-PSS signature (MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER); the engine's own list must avoid that,
// for a client that also offers TLS 1.3 and for a TLS 1.2-only one.
TEST(OpenSslRsaInterop, EngineClientToTls12ServerWithRsaKey) {
  PeerProcess server({"openssl", "s_server", "-accept", "127.0.0.1:0", "-tls1_2", "-cert",
                      cert("server-rsa.crt"), "-key", cert("server-rsa.key"), "-www"});
  std::string accept = server.wait_for("ACCEPT");
  ASSERT_FALSE(accept.empty()) << server.output();
  int port = std::stoi(accept.substr(accept.rfind(':') + 1));
  for (int32_t max_version : {WSSL_TLS1_3, WSSL_TLS1_2}) {
    int32_t cfg = client_config();
    ASSERT_EQ(0, wssl_config_set_versions(cfg, WSSL_TLS1_2, max_version));
    int fd = connect_loopback(port);
    ASSERT_GE(fd, 0);
    int32_t stream = register_stream(tcp_stream(fd));
    int32_t conn = wssl_conn_new(cfg, stream, "localhost");
    int32_t result = pump(fd, [&] { return wssl_handshake(conn); });
    EXPECT_EQ(0, result) << "max version " << std::hex << max_version << ": " << wssl_error_name(result);
    if (result == 0) {
      EXPECT_STREQ("TLSv1.2", wssl_version(conn));
      EXPECT_NE(nullptr, std::strstr(wssl_cipher(conn), "ECDHE-RSA")) << wssl_cipher(conn);
    }
    wssl_close(conn);
    unregister_stream(stream);
    wssl_config_free(cfg);
  }
}

INSTANTIATE_TEST_SUITE_P(Versions, OpenSslInterop,
                         ::testing::Values(Version{"-tls1_3", "TLSv1.3"},
                                           Version{"-tls1_2", "TLSv1.2"}),
                         [](const auto &info) { return std::string(info.param.name) == "TLSv1.3" ? "TLS13" : "TLS12"; });

}  // namespace
