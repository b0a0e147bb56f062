// Helpers for engine tests: test certificates, configs, and a client/server pair joined by an
// in-memory pipe whose handshake and transfers are pumped with bounded loops.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "host_streams.h"
#include "wasm_ssl.h"

namespace wssl_test {

// Directory made by tests/certs/make-certs.sh (ctest passes WSSL_CERT_DIR).
std::string cert_dir();
std::vector<uint8_t> cert_file(const std::string &name);

// Config helpers; each ASSERTs success inside (returns the handle).
int32_t client_config(int32_t cert_reqs = WSSL_CERT_REQUIRED, const std::string &cadata = "ca.der");
int32_t server_config(const std::string &cert = "server", int32_t cert_reqs = WSSL_CERT_NONE);
void set_own_cert(int32_t config, const std::string &name);

using StreamShaper = std::function<std::shared_ptr<HostStream>(std::shared_ptr<HostStream>)>;

struct Endpoint {
  std::shared_ptr<HostStream> stream;
  int32_t stream_id = 0;
  int32_t conn = 0;
};

// A client and a server connection over one in-memory pipe. The destructor closes what is
// still open.
struct Pair {
  Pair(int32_t client_cfg, int32_t server_cfg, const char *hostname = "localhost",
       const StreamShaper &shape = nullptr);
  ~Pair();
  // Pumps both handshakes until both finish or one fails (bounded). Returns the first
  // error seen, 0 when both completed.
  int32_t handshake();
  int32_t client_result = 0, server_result = 0;
  Endpoint client, server;
  int want_results = 0;  // how many WANT_READ/WANT_WRITE the pumping saw
};

// Writes all of data from `from`, letting `to` read in between; returns what `to` read.
std::vector<uint8_t> transfer(Pair &pair, bool client_to_server, const std::vector<uint8_t> &data);

std::vector<uint8_t> random_bytes(size_t n, uint32_t seed);
bool is_want(int32_t r);

}  // namespace wssl_test
