// libFuzzer: arbitrary certificate and key inputs (cadata, own certificate chain, private
// key; PEM or DER) through the C ABI that wrap_socket's cadata/cert/key reach.
// Input: a mode byte, then
//   mode 0: cadata                         -> wssl_config_add_ca
//   mode 1: certificate chain              -> wssl_config_set_own_cert with the fuzz server key
//   mode 2: private key                    -> wssl_config_set_own_cert with the fuzz server cert
//   mode 3: u16 BE n, n bytes chain, key   -> wssl_config_set_own_cert
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_world.h"
#include "wasm_ssl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const std::vector<uint8_t> server_crt = wssl_fuzz::identity_file("server.crt");
  static const std::vector<uint8_t> server_key = wssl_fuzz::identity_file("server.key");
  if (size == 0) return 0;
  uint8_t mode = data[0] & 3;
  ++data, --size;
  const auto len = [](size_t n) { return static_cast<int32_t>(n); };

  int32_t config = wssl_config_new(mode == 0 ? WSSL_CLIENT : WSSL_SERVER);
  if (mode == 0) {
    wssl_config_add_ca(config, data, len(size));
  } else if (mode == 1) {
    wssl_config_set_own_cert(config, data, len(size), server_key.data(), len(server_key.size()));
  } else if (mode == 2) {
    wssl_config_set_own_cert(config, server_crt.data(), len(server_crt.size()), data, len(size));
  } else if (size >= 2) {
    size_t n = std::min<size_t>((size_t{data[0]} << 8) | data[1], size - 2);
    wssl_config_set_own_cert(config, data + 2, len(n), data + 2 + n, len(size - 2 - n));
  }
  wssl_config_free(config);
  return 0;
}
