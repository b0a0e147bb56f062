// ASCII case folding for host names, email domains and name-constraint bases: names in
// certificates compare case-insensitively in ASCII only (RFC 5280 7.2, RFC 6125 6.4.1).
#pragma once

#include <cstddef>

namespace wssl {
namespace x509 {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool equal_ignoring_case(const char *a, const char *b, size_t len) {
  for (size_t i = 0; i < len; ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace x509
}  // namespace wssl
