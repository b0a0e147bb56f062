// The engine as a client that rejects the certificate of `openssl s_server`: the server's log
// shows the alert it received, so it could read it (TLS 1.3: under the client's handshake
// traffic keys, RFC 8446; TLS 1.2: before any key change, in plaintext).
#include <gtest/gtest.h>

#include <string>

#include "support/peer_process.h"
#include "support/tls_fixtures.h"

using namespace wssl_test;

namespace {

class OpenSslSeesTheRejection : public ::testing::TestWithParam<const char *> {};

TEST_P(OpenSslSeesTheRejection, AsTheClientsBadCertificateAlert) {
  std::string dir = cert_dir();
  PeerProcess server({"openssl", "s_server", "-accept", "127.0.0.1:0", GetParam(), "-cert",
                      dir + "/server.crt", "-key", dir + "/server.key", "-msg"});
  int port = server.wait_for_accept_port();
  ASSERT_GT(port, 0) << server.output();

  int32_t cfg = client_config();
  int fd = connect_loopback(port);
  ASSERT_GE(fd, 0);
  int32_t stream = register_stream(tcp_stream(fd));
  int32_t conn = wssl_conn_new(cfg, stream, "not-the-server.example");  // the wrong name
  EXPECT_STREQ("MBEDTLS_ERR_X509_CERT_VERIFY_FAILED",
               wssl_error_name(pump(fd, [&] { return wssl_handshake(conn); })));
  // OpenSSL names the alert it read (42, bad_certificate), and -msg shows the record it came
  // in. (OpenSSL would also take a TLS 1.3 alert in plaintext: the record is what tells.)
  EXPECT_NE("", server.wait_for("alert bad certificate")) << server.output();
  const std::string alert = "Alert [length 0002], fatal bad_certificate";
  const bool tls13 = std::string(GetParam()) == "-tls1_3";
  const std::string record = tls13 ? "<<< TLS 1.3, InnerContent [length 0001]\n    15\n"
                                          "<<< TLS 1.3, "
                                   : "15 03 03 00 02\n<<< TLS 1.2, ";
  EXPECT_NE(std::string::npos, server.output().find(record + alert)) << server.output();
  wssl_close(conn);
  unregister_stream(stream);
  wssl_config_free(cfg);
}

INSTANTIATE_TEST_SUITE_P(Versions, OpenSslSeesTheRejection,
                         ::testing::Values("-tls1_2", "-tls1_3"),
                         [](const ::testing::TestParamInfo<const char *> &info) {
                           return std::string(info.param[6] == '3' ? "TLS13" : "TLS12");
                         });

// The engine as a TLS 1.3 server that requires a client certificate, and `openssl s_client`
// without one: s_client's handshake is over when the engine rejects it, so the alert comes
// under the server's application traffic keys, which s_client reads with by then. (mbedtls
// sends no_certificate, 41; s_client names it by its number.)
TEST(OpenSslSeesTheServersRejection, AsTheServersNoCertificateAlert) {
  int32_t cfg = server_config("server", WSSL_CERT_REQUIRED);
  auto ca = cert_file("ca.crt");
  ASSERT_EQ(1, wssl_config_add_ca(cfg, ca.data(), static_cast<int32_t>(ca.size())));
  Listener listener;
  PeerProcess client({"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(listener.port),
                      "-tls1_3", "-msg"});
  int fd = listener.accept();
  ASSERT_GE(fd, 0);
  int32_t stream = register_stream(tcp_stream(fd));
  int32_t conn = wssl_conn_new(cfg, stream, nullptr);
  EXPECT_STREQ("MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE",
               wssl_error_name(pump(fd, [&] { return wssl_handshake(conn); })));
  EXPECT_NE("", client.wait_for("SSL alert number 41")) << client.output();
  EXPECT_NE(std::string::npos, client.output().find("<<< TLS 1.3, InnerContent [length 0001]\n"
                                                    "    15\n<<< TLS 1.3, Alert [length 0002]"))
      << client.output();
  wssl_close(conn);
  unregister_stream(stream);
  wssl_config_free(cfg);
}

}  // namespace
