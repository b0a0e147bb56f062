#pragma once

#include <cstdarg>
#include <cstddef>

// snprintf with the conversions mbedtls and the engine use, without libc's printf
// (src/platform/format.cpp).
extern "C" int wssl_snprintf(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
extern "C" int wssl_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
