// The engine built natively, measured exactly as bench/lib/engine-raw.mjs measures the wasm
// builds: a client and a server in one thread over an in-memory pipe, through the C ABI.
// bench/run.mjs decides the scenarios and passes them as arguments; results are JSON on stdout.
//
//   engine_bench CERTDIR handshakes MIN MAX CIPHERS CERT KEY CA SECONDS
//   engine_bench CERTDIR bulk       MIN MAX CIPHERS TOTAL_BYTES WRITE_BYTES
//   engine_bench CERTDIR idle       MIN MAX CIPHERS CONNECTIONS
//
// MIN/MAX are protocol versions (0x0303, 0x0304); CIPHERS is an mbedtls list or "-" for the
// default; CERT/KEY name the server's files in CERTDIR, CA the client's trusted root (the client
// checks the name "localhost"); bulk and idle use the ECDSA chain under ca.der.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "pipe_host.h"
#include "wasm_ssl.h"

namespace {

using Clock = std::chrono::steady_clock;
std::string g_cert_dir;

[[noreturn]] void die(const std::string &what, int32_t code) {
  std::fprintf(stderr, "engine_bench: %s: %d %s\n", what.c_str(), code, wssl_error_name(code));
  std::exit(1);
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<uint8_t> file(const std::string &name) {
  std::ifstream in(g_cert_dir + "/" + name, std::ios::binary);
  if (!in) die("cannot read " + g_cert_dir + "/" + name, 0);
  return {std::istreambuf_iterator<char>(in), {}};
}

bool is_want(int32_t r) { return r == WSSL_WANT_READ || r == WSSL_WANT_WRITE; }

struct Scenario {
  int32_t min_version, max_version;
  std::string ciphers;  // "-" = default
};

struct Configs {
  int32_t client, server;
};

Configs make_configs(const Scenario &s, const std::string &cert, const std::string &key,
                     const std::string &ca_file = "ca.der") {
  Configs c{wssl_config_new(WSSL_CLIENT), wssl_config_new(WSSL_SERVER)};
  auto ca = file(ca_file), crt = file(cert), k = file(key);
  if (wssl_config_add_ca(c.client, ca.data(), static_cast<int32_t>(ca.size())) != 1)
    die("add_ca", 0);
  int32_t r = wssl_config_set_own_cert(c.server, crt.data(), static_cast<int32_t>(crt.size()),
                                       k.data(), static_cast<int32_t>(k.size()));
  if (r != 0) die("set_own_cert", r);
  for (int32_t cfg : {c.client, c.server}) {
    if ((r = wssl_config_set_versions(cfg, s.min_version, s.max_version)) != 0) die("versions", r);
    if (s.ciphers != "-" && (r = wssl_config_set_ciphers(cfg, s.ciphers.c_str())) != 0)
      die("ciphers " + s.ciphers, r);
  }
  return c;
}

// One client/server connection pair over its own pipe.
struct Pair {
  Pair(const Configs &c) {
    client = wssl_conn_new(c.client, pipe.client_stream, "localhost");
    server = wssl_conn_new(c.server, pipe.server_stream, nullptr);
    if (client <= 0) die("conn_new client", client);
    if (server <= 0) die("conn_new server", server);
    cr = sr = WSSL_WANT_READ;
  }
  // One step of each side's handshake; true when both are done.
  bool step() {
    if (is_want(cr)) cr = wssl_handshake(client);
    if (is_want(sr)) sr = wssl_handshake(server);
    if (!is_want(cr) && cr != 0) die("client handshake", cr);
    if (!is_want(sr) && sr != 0) die("server handshake", sr);
    return cr == 0 && sr == 0;
  }
  void handshake() {
    for (int i = 0; i < 1000; ++i)
      if (step()) return;
    die("handshake did not finish", 0);
  }
  void close() {
    if (wssl_close(client) != 0 || wssl_close(server) != 0) die("close", 0);
  }
  wssl_bench::Pipe pipe;
  int32_t client, server, cr, sr;
};

// Moves one message each way (so a TLS 1.3 client has taken in its session ticket).
void ping_pong(Pair &p) {
  uint8_t buf[64];
  for (int32_t from : {p.client, p.server}) {
    int32_t to = from == p.client ? p.server : p.client;
    if (wssl_write(from, reinterpret_cast<const uint8_t *>("ping"), 4) != 4) die("write", 0);
    int32_t r = WSSL_WANT_READ;
    for (int i = 0; i < 10 && is_want(r); ++i) r = wssl_read(to, buf, sizeof buf);
    if (r != 4) die("read", r);
  }
}

void print_negotiated(const Pair &p) {
  std::printf("\"version\":\"%s\",\"cipher\":\"%s\"", wssl_version(p.client),
              wssl_cipher(p.client));
}

int handshakes(const Scenario &s, const std::string &cert, const std::string &key,
               const std::string &ca, double secs) {
  Configs c = make_configs(s, cert, key, ca);
  for (int i = 0; i < 3; ++i) {  // warm-up
    Pair p(c);
    p.handshake();
    p.close();
  }
  std::string version, cipher;
  long count = 0;
  auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < secs || count < 3) {
    Pair p(c);
    p.handshake();
    if (wssl_verify_flags(p.client) != 0) die("chain not verified", 0);
    if (count == 0) version = wssl_version(p.client), cipher = wssl_cipher(p.client);
    p.close();
    ++count;
    elapsed = seconds_since(start);
  }
  std::printf("{\"count\":%ld,\"seconds\":%.6f,\"version\":\"%s\",\"cipher\":\"%s\"}\n", count,
              elapsed, version.c_str(), cipher.c_str());
  return 0;
}

int bulk(const Scenario &s, long total, int32_t chunk) {
  Configs c = make_configs(s, "chained-bundle.crt", "chained.key");
  Pair p(c);
  p.handshake();
  std::vector<uint8_t> out(static_cast<size_t>(chunk)), in(static_cast<size_t>(chunk));
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<uint8_t>(i * 31 + 7);
  long sent = 0, received = 0;
  auto start = Clock::now();
  while (received < total) {
    if (sent < total) {
      // One application write of `chunk` bytes; the engine may take it in several calls.
      for (int32_t off = 0; off < chunk;) {
        int32_t r = wssl_write(p.client, out.data() + off, chunk - off);
        if (r <= 0) die("write", r);
        off += r;
      }
      sent += chunk;
    }
    for (;;) {
      int32_t r = wssl_read(p.server, in.data(), chunk);
      if (r == WSSL_WANT_READ) break;
      if (r <= 0) die("read", r);
      // A cheap check that the bytes are the ones sent, in order (the AEAD did the rest).
      if (in[0] != out[static_cast<size_t>(received % chunk)]) die("data mismatch", 0);
      received += r;
    }
  }
  double elapsed = seconds_since(start);
  std::printf("{\"bytes\":%ld,\"seconds\":%.6f,", received, elapsed);
  print_negotiated(p);
  std::printf("}\n");
  p.close();
  return 0;
}

// N established, idle connection pairs: the time to set them up and the heap they hold
// (mbedtls' and the engine's allocations, wssl_heap_stats), for clients and servers apart.
int idle(const Scenario &s, int n) {
  Configs c = make_configs(s, "chained-bundle.crt", "chained.key");
  { Pair warm(c); warm.handshake(); ping_pong(warm); warm.close(); }
  int32_t base = wssl_heap_stats(0);
  std::vector<std::unique_ptr<Pair>> pairs;
  auto start = Clock::now();
  for (int i = 0; i < n; ++i) pairs.push_back(std::make_unique<Pair>(c));
  for (bool done = false; !done;) {  // every handshake advances in turn, as an event loop would
    done = true;
    for (auto &p : pairs) done = p->step() && done;
  }
  for (auto &p : pairs) ping_pong(*p);
  double established = seconds_since(start);
  std::string version = wssl_version(pairs[0]->client), cipher = wssl_cipher(pairs[0]->client);
  int32_t both = wssl_heap_stats(0);
  for (auto &p : pairs) wssl_close(p->client);
  int32_t servers_only = wssl_heap_stats(0);
  auto close_start = Clock::now();
  for (auto &p : pairs) wssl_close(p->server);
  double closed = seconds_since(close_start);
  std::printf("{\"connections\":%d,\"establish_seconds\":%.6f,\"close_seconds\":%.6f,"
              "\"heap_client_total\":%d,\"heap_server_total\":%d,",
              n, established, closed, both - servers_only, servers_only - base);
  std::printf("\"version\":\"%s\",\"cipher\":\"%s\"}\n", version.c_str(), cipher.c_str());
  return 0;
}

Scenario scenario(char **argv) {
  return {static_cast<int32_t>(std::strtol(argv[0], nullptr, 0)),
          static_cast<int32_t>(std::strtol(argv[1], nullptr, 0)), argv[2]};
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: see the comment at the top of bench/native/engine_bench.cpp\n");
    return 2;
  }
  g_cert_dir = argv[1];
  std::string cmd = argv[2];
  Scenario s = scenario(argv + 3);
  if (cmd == "handshakes" && argc == 10)
    return handshakes(s, argv[6], argv[7], argv[8], std::atof(argv[9]));
  if (cmd == "bulk" && argc == 8) return bulk(s, std::atol(argv[6]), std::atoi(argv[7]));
  if (cmd == "idle" && argc == 7) return idle(s, std::atoi(argv[6]));
  std::fprintf(stderr, "engine_bench: bad arguments\n");
  return 2;
}
