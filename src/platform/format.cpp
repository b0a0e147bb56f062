// snprintf for mbedtls (MBEDTLS_PLATFORM_SNPRINTF_MACRO) and the engine, without floating
// point: nothing here formats a float, and libc's float formatter costs ~4 KB of WebAssembly.
// Emscripten has an integer-only vsnprintf; the WASI build links wasi-libc's printf without
// floating point (wasm/wasi/CMakeLists.txt); natively this is plain vsnprintf.
#include <cstdarg>
#include <cstdio>

#include "platform/format.h"

#if defined(__EMSCRIPTEN__)
extern "C" int vsniprintf(char *buf, size_t n, const char *fmt, va_list ap);  // integer-only
#define WSSL_VSNPRINTF vsniprintf
#else
#define WSSL_VSNPRINTF std::vsnprintf
#endif

extern "C" int wssl_snprintf(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int written = WSSL_VSNPRINTF(buf, n, fmt, ap);
  va_end(ap);
  return written;
}
