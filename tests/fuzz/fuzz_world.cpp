#include "fuzz_world.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "psa/crypto.h"
#include "wasm_ssl.h"

namespace wssl_fuzz {
namespace {

uint64_t g_entropy_counter = 0;

void check(int32_t result, const char *what) {
  if (result < 0) {
    std::fprintf(stderr, "fuzz: %s failed: %s\n", what, wssl_error_name(result));
    std::abort();
  }
}

void set_identity(int32_t config, const char *cert_file, const char *key_file) {
  auto crt = identity_file(cert_file), key = identity_file(key_file);
  check(wssl_config_set_own_cert(config, crt.data(), static_cast<int32_t>(crt.size()), key.data(),
                                 static_cast<int32_t>(key.size())),
        "set_own_cert");
}

void trust_fuzz_ca(int32_t config) {
  auto ca = identity_file("ca.crt");
  check(wssl_config_add_ca(config, ca.data(), static_cast<int32_t>(ca.size())), "add_ca");
}

void set_psk(int32_t config) {
  static const uint8_t identity[] = "wasm-ssl-fuzz";
  static const uint8_t key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  check(wssl_config_set_psk(config, identity, sizeof identity - 1, key, sizeof key), "set_psk");
}

// Builds the config's first snapshot (a server's ticket key among it) at once, while the
// random stream is still in its fixed state.
void freeze(int32_t config) {
  int32_t conn = wssl_conn_new(config, -1, "localhost");
  check(conn, "conn_new");
  wssl_close(conn);
}

int32_t make_client_config(uint8_t o) {
  int32_t cfg = wssl_config_new(WSSL_CLIENT);
  check(cfg, "config_new");
  if (o & client_option::kVerifyOptional) {
    trust_fuzz_ca(cfg);
    check(wssl_config_set_verify_mode(cfg, WSSL_CERT_OPTIONAL), "verify_mode");
  } else {
    check(wssl_config_set_verify_mode(cfg, WSSL_CERT_NONE), "verify_mode");
  }
  if (o & client_option::kAlpn) check(wssl_config_set_alpn(cfg, "h2,http/1.1"), "alpn");
  if (o & client_option::kClientCert) set_identity(cfg, "client.crt", "client.key");
  if (o & client_option::kTls12Only) check(wssl_config_set_versions(cfg, WSSL_TLS1_2, WSSL_TLS1_2), "versions");
  if (o & client_option::kPsk) set_psk(cfg);
  return cfg;
}

int32_t make_server_config(uint8_t o) {
  int32_t cfg = wssl_config_new(WSSL_SERVER);
  check(cfg, "config_new");
  if (o & server_option::kRsa) set_identity(cfg, "server-rsa.crt", "server-rsa.key");
  else set_identity(cfg, "server.crt", "server.key");
  if (o & server_option::kRequireClientCert) {
    trust_fuzz_ca(cfg);
    check(wssl_config_set_verify_mode(cfg, WSSL_CERT_REQUIRED), "verify_mode");
  }
  if (o & server_option::kAlpn) check(wssl_config_set_alpn(cfg, "http/1.1,h2"), "alpn");
  if (o & server_option::kTls12Only) check(wssl_config_set_versions(cfg, WSSL_TLS1_2, WSSL_TLS1_2), "versions");
  if (o & server_option::kPsk) set_psk(cfg);
  return cfg;
}

int32_t cached(int32_t (&table)[kConfigBits + 1], uint8_t options, int32_t (*make)(uint8_t)) {
  uint8_t index = options & kConfigBits;
  if (table[index] == 0) {
    restart_randomness();
    table[index] = make(index);
    freeze(table[index]);
  }
  return table[index];
}

}  // namespace

std::vector<uint8_t> identity_file(const char *name) {
  std::string path = std::string(WSSL_FUZZ_IDENTITY_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz: cannot read %s\n", path.c_str());
    std::abort();
  }
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

int32_t client_config(uint8_t options) {
  static int32_t table[kConfigBits + 1];
  return cached(table, options, make_client_config);
}

int32_t server_config(uint8_t options) {
  static int32_t table[kConfigBits + 1];
  return cached(table, options, make_server_config);
}

void restart_randomness() {
  mbedtls_psa_crypto_free();
  g_entropy_counter = 0;
  if (psa_crypto_init() != PSA_SUCCESS) std::abort();
}

}  // namespace wssl_fuzz

// The fuzz build's entropy source, in place of src/platform/entropy.cpp (the linker takes this
// definition and never pulls that one from the library): a fixed, counting stream, so that
// every run draws the same "random" numbers. Never linked into anything but the fuzz tools.
extern "C" int mbedtls_hardware_poll(void *, unsigned char *output, size_t len, size_t *olen) {
  for (size_t i = 0; i < len; ++i) {
    uint64_t x = ++wssl_fuzz::g_entropy_counter * 0x9E3779B97F4A7C15ull;
    output[i] = static_cast<unsigned char>(x >> 56);
  }
  *olen = len;
  return 0;
}
