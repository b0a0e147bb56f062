#include "x509/verify_text.h"

#include "mbedtls/x509_crt.h"

namespace wssl::x509 {

namespace {

struct FlagText {
  uint32_t flag;
  const char *text;
};

#define X509_CRT_ERROR_INFO(flag, name, text) {static_cast<uint32_t>(flag), text},
constexpr FlagText kFlagTexts[] = {MBEDTLS_X509_CRT_ERROR_INFO_LIST};
#undef X509_CRT_ERROR_INFO

}  // namespace

void append_verify_text(std::string *out, const char *prefix, uint32_t flags) {
  for (const FlagText &entry : kFlagTexts) {
    if ((flags & entry.flag) == 0) continue;
    *out += prefix;
    *out += entry.text;
    *out += '\n';
    flags &= ~entry.flag;
  }
  if (flags != 0) {
    *out += prefix;
    *out += "Unknown reason (this should not happen)\n";
  }
}

}  // namespace wssl::x509
