#pragma once

#include <cstddef>

// snprintf without floating-point conversions (src/platform/format.cpp).
extern "C" int wssl_snprintf(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
