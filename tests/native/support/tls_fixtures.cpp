#include "tls_fixtures.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>

namespace wssl_test {

std::string cert_dir() {
  const char *dir = std::getenv("WSSL_CERT_DIR");
  return dir != nullptr ? dir : "build/certs";
}

std::vector<uint8_t> cert_file(const std::string &name) {
  std::ifstream in(cert_dir() + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing test file " << cert_dir() << "/" << name;
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void set_own_cert(int32_t config, const std::string &name) {
  auto crt = cert_file(name + ".crt"), key = cert_file(name + ".key");
  ASSERT_EQ(0, wssl_config_set_own_cert(config, crt.data(), static_cast<int32_t>(crt.size()),
                                        key.data(), static_cast<int32_t>(key.size())));
}

int32_t client_config(int32_t cert_reqs, const std::string &cadata) {
  int32_t cfg = wssl_config_new(WSSL_CLIENT);
  EXPECT_GT(cfg, 0);
  EXPECT_EQ(0, wssl_config_set_verify_mode(cfg, cert_reqs));
  if (!cadata.empty()) {
    auto ca = cert_file(cadata);
    EXPECT_GT(wssl_config_add_ca(cfg, ca.data(), static_cast<int32_t>(ca.size())), 0);
  }
  return cfg;
}

int32_t server_config(const std::string &cert, int32_t cert_reqs) {
  int32_t cfg = wssl_config_new(WSSL_SERVER);
  EXPECT_GT(cfg, 0);
  set_own_cert(cfg, cert);
  EXPECT_EQ(0, wssl_config_set_verify_mode(cfg, cert_reqs));
  return cfg;
}

bool is_want(int32_t r) { return r == WSSL_WANT_READ || r == WSSL_WANT_WRITE; }

Pair::Pair(int32_t client_cfg, int32_t server_cfg, const char *hostname,
           const StreamShaper &shape) {
  PipeEnds ends = make_pipe();
  client.stream = shape ? shape(ends.a) : ends.a;
  server.stream = shape ? shape(ends.b) : ends.b;
  client.stream_id = register_stream(client.stream);
  server.stream_id = register_stream(server.stream);
  client.conn = wssl_conn_new(client_cfg, client.stream_id, hostname);
  server.conn = wssl_conn_new(server_cfg, server.stream_id, nullptr);
}

Pair::~Pair() {
  for (Endpoint *e : {&client, &server}) {
    if (e->conn > 0) {
      for (int i = 0; i < 100 && wssl_close(e->conn) == WSSL_WANT_WRITE; ++i) {
      }
    }
    unregister_stream(e->stream_id);
  }
}

int32_t Pair::handshake() {
  client_result = server_result = WSSL_WANT_READ;
  for (int round = 0; round < 100000; ++round) {
    if (is_want(client_result)) client_result = wssl_handshake(client.conn);
    if (is_want(server_result)) server_result = wssl_handshake(server.conn);
    want_results += is_want(client_result) + is_want(server_result);
    bool client_settled = !is_want(client_result), server_settled = !is_want(server_result);
    if (client_settled && server_settled) break;
    // One side failed: let the other see the alert, then stop.
    if ((client_settled && client_result != 0) || (server_settled && server_result != 0)) {
      if (is_want(client_result)) client_result = wssl_handshake(client.conn);
      if (is_want(server_result)) server_result = wssl_handshake(server.conn);
      break;
    }
  }
  return client_result != 0 && !is_want(client_result) ? client_result
         : server_result != 0 && !is_want(server_result) ? server_result
         : (is_want(client_result) || is_want(server_result)) ? WSSL_WANT_READ : 0;
}

std::vector<uint8_t> transfer(Pair &pair, bool client_to_server, const std::vector<uint8_t> &data) {
  int32_t from = client_to_server ? pair.client.conn : pair.server.conn;
  int32_t to = client_to_server ? pair.server.conn : pair.client.conn;
  std::vector<uint8_t> received;
  std::vector<uint8_t> buf(16384);
  size_t sent = 0;
  for (int round = 0; round < 10000000 && received.size() < data.size(); ++round) {
    if (sent < data.size()) {
      int32_t n = wssl_write(from, data.data() + sent, static_cast<int32_t>(data.size() - sent));
      if (n > 0) sent += static_cast<size_t>(n);
      else if (!is_want(n)) { ADD_FAILURE() << "write: " << wssl_error_name(n); break; }
    }
    int32_t n = wssl_read(to, buf.data(), static_cast<int32_t>(buf.size()));
    if (n > 0) received.insert(received.end(), buf.begin(), buf.begin() + n);
    else if (!is_want(n)) { ADD_FAILURE() << "read: " << n << " " << wssl_error_name(n); break; }
  }
  return received;
}

std::vector<uint8_t> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::vector<uint8_t> out(n);
  for (auto &b : out) b = static_cast<uint8_t>(gen());
  return out;
}

}  // namespace wssl_test
