#include "cipher_suites.h"

#include <cstring>

#include "mbedtls/ssl.h"
#include "mbedtls/ssl_ciphersuites.h"

namespace wssl {
namespace {

bool is_chacha(int id) {
  const char *name = mbedtls_ssl_get_ciphersuite_name(id);
  return std::strstr(name, "CHACHA20") != nullptr;
}

std::vector<int> build_default() {
  std::vector<int> ids;
  for (const int *p = mbedtls_ssl_list_ciphersuites(); *p != 0; ++p) ids.push_back(*p);
#if defined(__wasm__)
  // Stable partition: ChaCha20 suites first, the rest in mbedtls' order.
  std::vector<int> ordered;
  for (int id : ids)
    if (is_chacha(id)) ordered.push_back(id);
  for (int id : ids)
    if (!is_chacha(id)) ordered.push_back(id);
  ids.swap(ordered);
#else
  (void)is_chacha;
#endif
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
