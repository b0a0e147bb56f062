// The native engine against real OpenSSL peers on loopback: as a client to `openssl
// s_server`, as a server to `openssl s_client`, in TLS 1.2 and 1.3.
#include <gtest/gtest.h>

#include <algorithm>
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
  int port = server.wait_for_accept_port();
  ASSERT_GT(port, 0) << server.output();

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
  int port = server.wait_for_accept_port();
  ASSERT_GT(port, 0) << server.output();
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

// Every AES-GCM suite with OpenSSL, records both ways: this build's AES and GCM (src/crypto)
// must agree with OpenSSL's to the bit, or a record's tag fails. Message lengths cross the
// 16-byte blocks, the kernel's batches of blocks and the 16 KiB records.
struct AesGcmSuite {
  const char *name;          // the engine's name for it
  const char *openssl_flag;  // the protocol version s_client is held to
};

std::ostream &operator<<(std::ostream &os, const AesGcmSuite &s) { return os << s.name; }

class OpenSslAesGcm : public ::testing::TestWithParam<AesGcmSuite> {};

std::string message(size_t n, size_t seed) {
  std::string m(n, ' ');
  for (size_t i = 0; i < n; ++i) m[i] = static_cast<char>('a' + (i * 7 + seed * 13 + i / 29) % 26);
  return m;
}

TEST_P(OpenSslAesGcm, RecordsBothWaysWithOpenSslClient) {
  int32_t cfg = server_config("server");
  ASSERT_EQ(0, wssl_config_set_ciphers(cfg, GetParam().name));
  Listener listener;
  PeerProcess client({"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(listener.port),
                      GetParam().openssl_flag, "-CAfile", cert("ca.crt"), "-brief",
                      "-nocommands"});  // a chunk starting with "k" is not a KeyUpdate
  int fd = listener.accept();
  ASSERT_GE(fd, 0);
  int32_t stream = register_stream(tcp_stream(fd));
  int32_t conn = wssl_conn_new(cfg, stream, nullptr);
  ASSERT_EQ(0, pump(fd, [&] { return wssl_handshake(conn); }));
  EXPECT_STREQ(GetParam().name, wssl_cipher(conn));

  const size_t lengths[] = {1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 1000, 16383, 16384, 16385, 40000};
  for (size_t k = 0; k < sizeof lengths / sizeof *lengths; ++k) {
    SCOPED_TRACE("message of " + std::to_string(lengths[k]) + " bytes");
    // OpenSSL seals, the engine opens.
    const std::string in = message(lengths[k], k) + "\n";
    client.send(in);
    std::string got;
    for (int i = 0; i < 1000 && got.size() < in.size(); ++i) {
      uint8_t buf[8192];
      int n = pump(fd, [&] { return wssl_read(conn, buf, sizeof buf); });
      ASSERT_GT(n, 0) << wssl_error_name(n);
      got.append(reinterpret_cast<char *>(buf), static_cast<size_t>(n));
    }
    ASSERT_EQ(in, got);
    // The engine seals, OpenSSL opens: it prints the line, marked so that it is found whole.
    const std::string out = "<" + std::to_string(k) + ">" + message(lengths[k], k + 100) + "</>\n";
    for (size_t sent = 0, i = 0; sent < out.size() && i < 100; ++i) {  // a record per write at most
      int n = pump(fd, [&] {
        return wssl_write(conn, reinterpret_cast<const uint8_t *>(out.data() + sent),
                          static_cast<int32_t>(out.size() - sent));
      });
      ASSERT_GT(n, 0) << wssl_error_name(n);
      sent += static_cast<size_t>(n);
    }
    const size_t tail = std::min<size_t>(out.size() - 1, 40);
    ASSERT_NE("", client.wait_for(out.substr(out.size() - 1 - tail, tail))) << client.output().substr(0, 300);
    EXPECT_NE(std::string::npos, client.output().find(out.substr(0, out.size() - 1)));
  }
  wssl_close(conn);
  unregister_stream(stream);
  wssl_config_free(cfg);
}

INSTANTIATE_TEST_SUITE_P(
    Suites, OpenSslAesGcm,
    ::testing::Values(AesGcmSuite{"TLS1-3-AES-128-GCM-SHA256", "-tls1_3"},
                      AesGcmSuite{"TLS1-3-AES-256-GCM-SHA384", "-tls1_3"},
                      AesGcmSuite{"TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256", "-tls1_2"},
                      AesGcmSuite{"TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384", "-tls1_2"}),
    [](const auto &info) {
      std::string name = info.param.name;
      for (char &c : name) if (c == '-') c = '_';
      return name;
    });

INSTANTIATE_TEST_SUITE_P(Versions, OpenSslInterop,
                         ::testing::Values(Version{"-tls1_3", "TLSv1.3"},
                                           Version{"-tls1_2", "TLSv1.2"}),
                         [](const auto &info) { return std::string(info.param.name) == "TLSv1.3" ? "TLS13" : "TLS12"; });

}  // namespace
