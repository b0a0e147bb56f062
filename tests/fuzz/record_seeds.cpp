// Records the seed corpus of the fuzz harnesses from real handshakes: the engine against itself
// (the other engine in a forked process, so each side draws its own random stream exactly as
// a harness does), against OpenSSL and GnuTLS servers, and OpenSSL and GnuTLS clients against
// the engine. Each seed is what the engine received, behind the option byte of its config, so
// that a harness replays the whole conversation. Also writes the credentials seeds.
//
// Usage: record_seeds CORPUS_DIR   (tests/fuzz/corpus; a developer tool, not run by the tests)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz_world.h"
#include "mbedtls/pk.h"
extern "C" {  // mbedtls 3.6's psa_util.h has no C++ guard
#include "mbedtls/psa_util.h"
}
#include "mbedtls/x509_crt.h"
#include "recording_stream.h"
#include "session_driver.h"
#include "support/peer_process.h"
#include "wasm_ssl.h"

using namespace wssl_fuzz;
namespace co = wssl_fuzz::client_option;
namespace so = wssl_fuzz::server_option;

namespace {

std::string g_corpus;
const std::vector<uint8_t> kNoSession;

std::string identity(const char *name) { return std::string(WSSL_FUZZ_IDENTITY_DIR) + "/" + name; }

void write_file(const std::string &path, const std::vector<uint8_t> &bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char *>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

void write_seed(const char *harness, const std::string &name, uint8_t options,
                const std::vector<uint8_t> &session, const std::vector<uint8_t> &bytes) {
  std::vector<uint8_t> seed{options};
  if (options & co::kSessionBlob) {
    seed.push_back(static_cast<uint8_t>(session.size() >> 8));
    seed.push_back(static_cast<uint8_t>(session.size()));
    seed.insert(seed.end(), session.begin(), session.end());
  }
  seed.insert(seed.end(), bytes.begin(), bytes.end());
  write_file(g_corpus + "/" + harness + "/" + name, seed);
}

struct Outcome {
  int32_t handshake;
  SessionReport report;
};

// The engine's side of one connection over fd, recorded; the seed is written as `name`.
Outcome engine_side(int fd, uint8_t options, bool is_client, const std::vector<uint8_t> &session,
                    const std::string &name) {
  record_socket(fd);
  Outcome out{};
  int32_t conn = open_connection(options, is_client, kRecordedStream, session.data(), session.size());
  out.handshake = conn <= 0 ? conn
                            : run_session(conn, is_client,
                                          [](int32_t want) { return wait_for_socket(want, 700); },
                                          &out.report);
  if (!name.empty())
    write_seed(is_client ? "client_transport" : "server_transport", name, options, session,
               recorded_bytes());
  std::printf("  %-28s %-6s %-24s %s %s%s\n", name.empty() ? "(first connection)" : name.c_str(),
              is_client ? "client" : "server", out.handshake == 0 ? "ok" : wssl_error_name(out.handshake),
              out.report.version.c_str(), out.report.cipher.c_str(),
              out.report.resumed ? " resumed" : "");
  close(fd);
  return out;
}

// Engine client <-> engine server (forked). With `resume`, a second connection offers the
// first one's session; the seeds are of the last connection.
void engine_pair(const std::string &name, uint8_t client_options, uint8_t server_options,
                 bool resume = false) {
  int first[2], second[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, first);
  socketpair(AF_UNIX, SOCK_STREAM, 0, second);
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(first[0]), close(second[0]);
    engine_side(first[1], server_options, false, kNoSession, resume ? "" : "engine-" + name);
    if (resume) engine_side(second[1], server_options, false, kNoSession, "engine-" + name);
    std::fflush(stdout);
    _exit(0);
  }
  close(first[1]), close(second[1]);
  Outcome o = engine_side(first[0], client_options, true, kNoSession, resume ? "" : "engine-" + name);
  if (resume)
    engine_side(second[0], client_options | co::kSessionBlob, true, o.report.session, "engine-" + name);
  else
    close(second[0]);
  waitpid(pid, nullptr, 0);
}

int connect_with_retry(int port) {
  for (int i = 0; i < 100; ++i) {
    int fd = wssl_test::connect_loopback(port);
    if (fd >= 0) return fd;
    usleep(50 * 1000);
  }
  return -1;
}

int free_port() {
  wssl_test::Listener probe;
  return probe.port;
}

// The engine as client against a server process; {port} in argv is replaced.
void against_server(const std::string &name, uint8_t client_options, std::vector<std::string> argv,
                    bool resume = false) {
  int port = free_port();
  for (auto &a : argv)
    if (a.find("{port}") != std::string::npos) a.replace(a.find("{port}"), 6, std::to_string(port));
  wssl_test::PeerProcess server(argv);
  int fd = connect_with_retry(port);
  if (fd < 0) {
    std::printf("  %s: server did not start\n%s\n", name.c_str(), server.output().c_str());
    return;
  }
  Outcome o = engine_side(fd, client_options, true, kNoSession, resume ? "" : name);
  if (resume)
    engine_side(connect_with_retry(port), client_options | co::kSessionBlob, true, o.report.session, name);
}

// The engine as server for a client process; {port} in argv is replaced.
void against_client(const std::string &name, uint8_t server_options, std::vector<std::string> argv) {
  wssl_test::Listener listener;
  for (auto &a : argv)
    if (a.find("{port}") != std::string::npos)
      a.replace(a.find("{port}"), 6, std::to_string(listener.port));
  wssl_test::PeerProcess client(argv);
  client.send("hello from the peer\n");
  int fd = listener.accept();
  if (fd < 0) {
    std::printf("  %s: client did not connect\n%s\n", name.c_str(), client.output().c_str());
    return;
  }
  engine_side(fd, server_options, false, kNoSession, name);
}

std::vector<uint8_t> der_of_certificate(const std::vector<uint8_t> &pem) {
  mbedtls_x509_crt crt;
  mbedtls_x509_crt_init(&crt);
  std::vector<uint8_t> copy(pem);
  copy.push_back(0);
  std::vector<uint8_t> der;
  if (mbedtls_x509_crt_parse(&crt, copy.data(), copy.size()) == 0)
    der.assign(crt.raw.p, crt.raw.p + crt.raw.len);
  mbedtls_x509_crt_free(&crt);
  return der;
}

std::vector<uint8_t> der_of_key(const std::vector<uint8_t> &pem) {
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  std::vector<uint8_t> copy(pem);
  copy.push_back(0);
  std::vector<uint8_t> der;
  unsigned char buf[4096];
  if (mbedtls_pk_parse_key(&pk, copy.data(), copy.size(), nullptr, 0, mbedtls_psa_get_random,
                           MBEDTLS_PSA_RANDOM_STATE) == 0) {
    int n = mbedtls_pk_write_key_der(&pk, buf, sizeof buf);
    if (n > 0) der.assign(buf + sizeof buf - n, buf + sizeof buf);
  }
  mbedtls_pk_free(&pk);
  return der;
}

void credentials_seed(const std::string &name, uint8_t mode, std::vector<uint8_t> a,
                      const std::vector<uint8_t> &b = {}) {
  std::vector<uint8_t> seed{mode};
  if (mode == 3) {
    seed.push_back(static_cast<uint8_t>(a.size() >> 8));
    seed.push_back(static_cast<uint8_t>(a.size()));
  }
  seed.insert(seed.end(), a.begin(), a.end());
  seed.insert(seed.end(), b.begin(), b.end());
  write_file(g_corpus + "/credentials/" + name, seed);
}

void record_credentials() {
  auto ca = identity_file("ca.crt"), crt = identity_file("server.crt");
  auto key = identity_file("server.key"), rsa_crt = identity_file("server-rsa.crt");
  auto rsa_key = identity_file("server-rsa.key");
  std::vector<uint8_t> bundle(ca);
  bundle.insert(bundle.end(), crt.begin(), crt.end());
  std::vector<uint8_t> der_pair = der_of_certificate(ca);
  auto crt_der = der_of_certificate(crt);
  der_pair.insert(der_pair.end(), crt_der.begin(), crt_der.end());
  credentials_seed("cadata-pem", 0, ca);
  credentials_seed("cadata-der", 0, der_of_certificate(ca));
  credentials_seed("cadata-pem-bundle", 0, bundle);
  credentials_seed("cadata-der-pair", 0, der_pair);
  credentials_seed("cert-pem", 1, crt);
  credentials_seed("cert-der", 1, crt_der);
  credentials_seed("key-pem-pkcs8", 2, key);
  credentials_seed("key-der", 2, der_of_key(key));
  credentials_seed("pair-rsa-pem", 3, rsa_crt, rsa_key);
  credentials_seed("pair-rsa-der", 3, der_of_certificate(rsa_crt), der_of_key(rsa_key));
  std::printf("  credentials: 10 seeds\n");
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  g_corpus = argv[1];
  for (const char *d : {"", "/client_transport", "/server_transport", "/credentials"})
    mkdir((g_corpus + d).c_str(), 0755);
  signal(SIGPIPE, SIG_IGN);

  std::printf("engine <-> engine\n");
  engine_pair("tls13-ecdsa", 0, 0);
  engine_pair("tls12-ecdsa", 0, so::kTls12Only);
  engine_pair("tls13-rsa", 0, so::kRsa);
  engine_pair("tls12-rsa", 0, so::kRsa | so::kTls12Only);
  engine_pair("tls13-client-auth", co::kClientCert | co::kVerifyOptional, so::kRequireClientCert);
  engine_pair("tls12-client-auth", co::kClientCert | co::kVerifyOptional,
              so::kRequireClientCert | so::kTls12Only);
  engine_pair("tls13-alpn", co::kAlpn, so::kAlpn);
  engine_pair("tls13-psk", co::kPsk, so::kPsk);
  engine_pair("tls12-psk", co::kPsk, so::kPsk | so::kTls12Only);
  engine_pair("tls13-resumed", 0, 0, /*resume=*/true);
  engine_pair("tls12-resumed", 0, so::kTls12Only, /*resume=*/true);
  engine_pair("tls13-one-byte-reads", kOneBytePerRead | kWouldBlockEveryOtherRead,
              kOneBytePerRead | kWouldBlockEveryOtherRead);

  const std::string crt = identity("server.crt"), key = identity("server.key");
  const std::vector<std::string> s_server = {"openssl", "s_server", "-accept", "127.0.0.1:{port}",
                                             "-rev", "-cert", crt, "-key", key};
  auto with = [](std::vector<std::string> base, std::vector<std::string> more) {
    base.insert(base.end(), more.begin(), more.end());
    return base;
  };
  std::printf("engine client <-> openssl s_server / gnutls-serv\n");
  against_server("openssl-tls13", 0, with(s_server, {"-tls1_3"}));
  against_server("openssl-tls12", 0, with(s_server, {"-tls1_2"}));
  against_server("openssl-tls13-hello-retry", 0, with(s_server, {"-tls1_3", "-groups", "P-384"}));
  against_server("openssl-tls13-rsa", 0,
                 {"openssl", "s_server", "-accept", "127.0.0.1:{port}", "-rev", "-cert",
                  identity("server-rsa.crt"), "-key", identity("server-rsa.key")});
  against_server("openssl-tls13-alpn", co::kAlpn, with(s_server, {"-alpn", "http/1.1"}));
  against_server("openssl-tls13-client-auth", co::kClientCert | co::kVerifyOptional,
                 with(s_server, {"-Verify", "1", "-CAfile", identity("ca.crt")}));
  against_server("openssl-tls13-resumed", 0, with(s_server, {"-tls1_3"}), /*resume=*/true);
  against_server("openssl-tls12-resumed", 0, with(s_server, {"-tls1_2"}), /*resume=*/true);
  const std::vector<std::string> gnutls_serv = {"gnutls-serv", "--echo", "-p", "{port}",
                                                "--x509certfile", crt, "--x509keyfile", key};
  against_server("gnutls-tls13", 0, gnutls_serv);
  against_server("gnutls-tls12", 0, with(gnutls_serv, {"--priority", "NORMAL:-VERS-TLS1.3"}));

  std::printf("openssl s_client / gnutls-cli <-> engine server\n");
  const std::vector<std::string> s_client = {"openssl", "s_client", "-connect", "127.0.0.1:{port}",
                                             "-servername", "localhost", "-CAfile", identity("ca.crt"),
                                             "-verify_return_error", "-quiet"};
  against_client("openssl-tls13", 0, with(s_client, {"-tls1_3"}));
  against_client("openssl-tls12", 0, with(s_client, {"-tls1_2"}));
  against_client("openssl-tls13-rsa", so::kRsa, with(s_client, {"-tls1_3"}));
  against_client("openssl-tls13-client-auth", so::kRequireClientCert,
                 with(s_client, {"-cert", identity("client.crt"), "-key", identity("client.key")}));
  against_client("openssl-tls12-client-auth", so::kRequireClientCert | so::kTls12Only,
                 with(s_client, {"-cert", identity("client.crt"), "-key", identity("client.key")}));
  against_client("openssl-tls13-alpn", so::kAlpn, with(s_client, {"-alpn", "h2,http/1.1"}));
  const std::vector<std::string> gnutls_cli = {"gnutls-cli", "-p", "{port}", "127.0.0.1",
                                               "--x509cafile", identity("ca.crt"),
                                               "--verify-hostname", "localhost"};
  against_client("gnutls-tls13", 0, gnutls_cli);
  against_client("gnutls-tls12", 0, with(gnutls_cli, {"--priority", "NORMAL:-VERS-TLS1.3"}));

  std::printf("credentials\n");
  record_credentials();
  return 0;
}
