// Cipher suites by mbedtls name: the build's list in the engine's order of preference, and
// parsing of a caller's list.
#pragma once

#include <string>
#include <vector>

namespace wssl {

// Zero-terminated suite ids in default preference order. Inside WebAssembly (no AES
// instructions) ChaCha20-Poly1305 comes first; natively mbedtls' own order is kept.
const std::vector<int> &default_cipher_suites();

// "A,B,C" in default order (SSLContext.get_ciphers()).
const std::string &cipher_suite_names();

// Parses comma-separated names into zero-terminated ids; false on an unknown name or none.
bool parse_cipher_suites(const char *names, std::vector<int> *ids);

}  // namespace wssl
