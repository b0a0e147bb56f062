#include "cipher_suites.h"

#include <cstring>

#include "mbedtls/ssl.h"
#include "mbedtls/ssl_ciphersuites.h"

namespace wssl {
namespace {

bool name_has(int id, const char *part) {
  return std::strstr(mbedtls_ssl_get_ciphersuite_name(id), part) != nullptr;
}

// 0 first: in wasm the ChaCha20 suites (fast without AES instructions), then the other AEAD
// suites; the CBC suites (MicroPython's list has them) always last.
int rank(int id) {
  if (name_has(id, "-CBC-")) return 2;
#if defined(__wasm__)
  if (name_has(id, "CHACHA20")) return 0;
#endif
  return 1;
}

std::vector<int> build_default() {
  std::vector<int> ids;
  for (int r = 0; r <= 2; ++r)  // a stable partition: mbedtls' order within each rank
    for (const int *p = mbedtls_ssl_list_ciphersuites(); *p != 0; ++p)
      if (rank(*p) == r) ids.push_back(*p);
  ids.push_back(0);
  return ids;
}

}  // namespace

const std::vector<int> &default_cipher_suites() {
  static const std::vector<int> ids = build_default();
  return ids;
}

const std::string &cipher_suite_names() {
  static const std::string names = [] {
    std::string out;
    for (int id : default_cipher_suites()) {
      if (id == 0) break;
      if (!out.empty()) out += ',';
      out += mbedtls_ssl_get_ciphersuite_name(id);
    }
    return out;
  }();
  return names;
}

bool parse_cipher_suites(const char *names, std::vector<int> *ids) {
  std::vector<int> parsed;
  std::string all(names == nullptr ? "" : names);
  size_t start = 0;
  while (start <= all.size()) {
    size_t comma = all.find(',', start);
    if (comma == std::string::npos) comma = all.size();
    std::string name = all.substr(start, comma - start);
    if (!name.empty()) {
      const mbedtls_ssl_ciphersuite_t *info = mbedtls_ssl_ciphersuite_from_string(name.c_str());
      if (info == nullptr) return false;
      parsed.push_back(mbedtls_ssl_ciphersuite_get_id(info));
    }
    start = comma + 1;
  }
  if (parsed.empty()) return false;
  parsed.push_back(0);
  ids->swap(parsed);
  return true;
}

}  // namespace wssl
