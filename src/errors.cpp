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
// kMbedtlsErrorCodes, and kMbedtlsErrorTexts with "NAME\0description\0" for each code.
#include "mbedtls_error_table.inc"

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

// An mbedtls code's entry (its strings point into kMbedtlsErrorTexts); name null if unknown.
ErrorInfo find_mbedtls(int32_t code) {
  const char *text = kMbedtlsErrorTexts;
  for (int32_t c : kMbedtlsErrorCodes) {
    const char *name = text, *reason = name + std::strlen(name) + 1;
    if (c == code) return {c, name, reason};
    text = reason + std::strlen(reason) + 1;
  }
  return {code, nullptr, nullptr};
}

ErrorInfo lookup(int32_t code) {
  // Small negative numbers are errnos first, as in MicroPython (its cut-off is -256).
  if (code < 0 && code > -256)
    if (const ErrorInfo *e = find(kErrnos, code)) return *e;
  if (const ErrorInfo *e = find(kEngineErrors, code)) return *e;
  return find_mbedtls(code);
}

const char *name_of(int32_t code, bool errno_first) {
  if (const char *name = (errno_first ? lookup(code) : find_mbedtls(code)).name) return name;
  // mbedtls combines a high-level and a low-level code (e.g. X509 format + ASN.1 reason).
  if (code < 0 && code > -0x8000) {
    const char *high = find_mbedtls(-((-code) & 0xFF80)).name;
    const char *low = find_mbedtls(-((-code) & 0x007F)).name;
    if (high != nullptr && low != nullptr) {
      // Kept for the instance's life, so that returned pointers stay valid (few codes combine).
      static std::vector<std::pair<int32_t, std::unique_ptr<char[]>>> combined;
      for (const auto &entry : combined)
        if (entry.first == code) return entry.second.get();
      size_t high_len = std::strlen(high), low_len = std::strlen(low);
      std::unique_ptr<char[]> text(new char[high_len + 1 + low_len + 1]);
      std::memcpy(text.get(), high, high_len);
      text[high_len] = '+';
      std::memcpy(text.get() + high_len + 1, low, low_len + 1);
      combined.emplace_back(code, std::move(text));
      return combined.back().second.get();
    }
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
  if (const char *reason = lookup(code).reason) return reason;
  if (code < 0 && code > -0x8000)
    if (const char *reason = find_mbedtls(-((-code) & 0xFF80)).reason) return reason;
  return "";
}

}  // namespace wssl
