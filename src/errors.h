// Names and descriptions of every result code: the single place where numbers become words.
#pragma once

#include <cstdint>

namespace wssl {
const char *error_name(int32_t code);
const char *mbedtls_error_name(int32_t code);
int32_t error_class(int32_t code);
const char *error_reason(int32_t code);
}  // namespace wssl
