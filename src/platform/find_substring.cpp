// strstr for the WebAssembly builds: musl's two-way search is 1.4 KB of code, for the few
// searches mbedtls' PEM reader makes (for "-----BEGIN ..." / "-----END ..." lines). A plain
// scan is enough there. Native builds keep their C library's.
#include "platform/find_substring.h"

#include <cstring>

extern "C" const char *wssl_find_substring(const char *haystack, const char *needle) {
  for (;; ++haystack) {
    size_t i = 0;
    while (needle[i] != '\0' && haystack[i] == needle[i]) ++i;
    if (needle[i] == '\0') return haystack;
    if (*haystack == '\0') return nullptr;
  }
}

#if defined(__wasm__)
extern "C" char *strstr(const char *haystack, const char *needle) {
  return const_cast<char *>(wssl_find_substring(haystack, needle));
}
#endif
