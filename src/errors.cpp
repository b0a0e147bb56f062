#include "errors.h"

#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "mbedtls/build_info.h"  // the configuration the generated table is guarded by
#include "wasm_ssl.h"

namespace wssl {
namespace {

struct ErrorInfo {
  int32_t code;
  const char *name;
  const char *reason;
};

// Generated at build time from mbedtls' headers (cmake/generate_error_table.cmake):
// kMbedtlsErrorCodes, and kMbedtlsErrorTexts with "NAME\0description\0" for each code, or
// only "NAME\0" where WSSL_MBEDTLS_ERROR_REASONS is 0 (the wasm builds: the npm package
// holds the descriptions, and wssl_error_reason() answers "" for mbedtls' codes).
#include "mbedtls_error_table.inc"
constexpr char kMbedtlsPrefix[] = "MBEDTLS_ERR_";  // every name in the table starts with it

// Transport errnos (MicroPython/Linux numbering) that hosts pass through, and the engine's own.
const ErrorInfo kErrnos[] = {
    {-1, "EPERM", "Operation not permitted"},
    {-5, "EIO", "Input/output error"},
    {-9, "EBADF", "Bad file descriptor (closed or unknown handle)"},
    {-11, "EAGAIN", "Resource temporarily unavailable"},
    {-12, "ENOMEM", "Out of memory"},
    {-13, "EACCES", "Permission denied"},
    {-22, "EINVAL", "Invalid argument"},
    {-32, "EPIPE", "Broken pipe"},
    {-95, "EOPNOTSUPP", "Operation not supported"},
    {-103, "ECONNABORTED", "Connection aborted"},
    {-104, "ECONNRESET", "Connection reset by peer"},
    {-107, "ENOTCONN", "Transport endpoint is not connected"},
    {-110, "ETIMEDOUT", "Connection timed out"},
    {-111, "ECONNREFUSED", "Connection refused"},
    {-113, "EHOSTUNREACH", "No route to host"},
    {-115, "EINPROGRESS", "Operation now in progress"},
};

const ErrorInfo kEngineErrors[] = {
    {WSSL_WANT_VERIFY, "WSSL_WANT_VERIFY", "The handshake waits for the verify callback"},
    {WSSL_WANT_PSK, "WSSL_WANT_PSK", "The handshake waits for the host's PSK lookup"},
    {WSSL_ERR_HOSTNAME_REQUIRED, "WSSL_ERR_HOSTNAME_REQUIRED",
     "CERT_REQUIRED requires server_hostname"},
};

template <size_t N>
const ErrorInfo *find(const ErrorInfo (&table)[N], int32_t code) {
  for (const ErrorInfo &e : table)
    if (e.code == code) return &e;
  return nullptr;
}

// An mbedtls code's entry (its strings point into kMbedtlsErrorTexts, the name without
// kMbedtlsPrefix); name null if unknown.
ErrorInfo find_mbedtls(int32_t code) {
  const char *text = kMbedtlsErrorTexts;
  for (int32_t c : kMbedtlsErrorCodes) {
    const char *name = text, *after_name = name + std::strlen(name) + 1;
    const char *reason = WSSL_MBEDTLS_ERROR_REASONS ? after_name : nullptr;
    if (c == code) return {c, name, reason};
    text = reason ? reason + std::strlen(reason) + 1 : after_name;
  }
  return {code, nullptr, nullptr};
}

// The errnos' and the engine's own entries. Small negative numbers are errnos first, as in
// MicroPython (its cut-off is -256).
const ErrorInfo *find_own(int32_t code) {
  if (code < 0 && code > -256)
    if (const ErrorInfo *e = find(kErrnos, code)) return e;
  return find(kEngineErrors, code);
}

// kMbedtlsPrefix + high (+ "+" + kMbedtlsPrefix + low), built on first use and kept for the
// instance's life, so that returned pointers stay valid (few distinct codes are ever named).
const char *full_name(int32_t code, const char *high, const char *low) {
  static std::vector<std::pair<int32_t, std::unique_ptr<char[]>>> names;
  for (const auto &entry : names)
    if (entry.first == code) return entry.second.get();
  const size_t prefix_len = sizeof kMbedtlsPrefix - 1;
  size_t len = prefix_len + std::strlen(high);
  if (low != nullptr) len += 1 + prefix_len + std::strlen(low);
  std::unique_ptr<char[]> text(new char[len + 1]);
  char *end = text.get();
  auto append = [&end](const char *part) {
    const size_t n = std::strlen(part);
    std::memcpy(end, part, n);
    end += n;
  };
  append(kMbedtlsPrefix);
  append(high);
  if (low != nullptr) {
    append("+");
    append(kMbedtlsPrefix);
    append(low);
  }
  *end = '\0';
  names.emplace_back(code, std::move(text));
  return names.back().second.get();
}

const char *name_of(int32_t code, bool errno_first) {
  if (errno_first)
    if (const ErrorInfo *own = find_own(code)) return own->name;
  if (const char *name = find_mbedtls(code).name) return full_name(code, name, nullptr);
  // mbedtls combines a high-level and a low-level code (e.g. X509 format + ASN.1 reason).
  if (code < 0 && code > -0x8000) {
    const char *high = find_mbedtls(-((-code) & 0xFF80)).name;
    const char *low = find_mbedtls(-((-code) & 0x007F)).name;
    if (high != nullptr && low != nullptr) return full_name(code, high, low);
  }
  return "UNKNOWN_ERROR";
}

}  // namespace

const char *error_name(int32_t code) { return name_of(code, true); }

// As mbedtls_strerror() reads a code, which MicroPython's messages come from: the sign does not
// matter, and small numbers are mbedtls' low-level codes, never errnos (1: GENERIC_ERROR).
const char *mbedtls_error_name(int32_t code) { return name_of(code > 0 ? -code : code, false); }

int32_t error_class(int32_t code) {
  constexpr int32_t kSslAllocFailed = -0x7F00;  // MBEDTLS_ERR_SSL_ALLOC_FAILED
  switch (code) {
    case 0: return WSSL_CLASS_NONE;
    case WSSL_WANT_READ: case WSSL_WANT_WRITE: case WSSL_WANT_VERIFY: case WSSL_WANT_PSK:
      return WSSL_CLASS_AGAIN;
    case WSSL_ENOMEM: case kSslAllocFailed: return WSSL_CLASS_NO_MEMORY;
    case WSSL_ERR_INVALID_KEY: return WSSL_CLASS_INVALID_KEY;
    case WSSL_ERR_INVALID_CERT: return WSSL_CLASS_INVALID_CERT;
    case WSSL_ERR_HOSTNAME_REQUIRED: return WSSL_CLASS_HOSTNAME_REQUIRED;
    case WSSL_ERR_CERT_VERIFY_FAILED: return WSSL_CLASS_VERIFY_FAILED;
    default:
      // MicroPython's cut-off: small negative numbers are errnos.
      return code < 0 && code > -256 ? WSSL_CLASS_ERRNO : WSSL_CLASS_TLS;
  }
}

const char *error_reason(int32_t code) {
  const ErrorInfo *own = find_own(code);
  if (const char *reason = own != nullptr ? own->reason : find_mbedtls(code).reason) return reason;
  if (code < 0 && code > -0x8000)
    if (const char *reason = find_mbedtls(-((-code) & 0xFF80)).reason) return reason;
  return "";
}

}  // namespace wssl
