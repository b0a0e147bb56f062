// The extern "C" surface of include/wasm_ssl.h: argument checks and handle lookup, then one
// call into TlsConfig / TlsConnection. No TLS logic lives here.
#include <cstring>
#include <memory>

#include "cipher_suites.h"
#include "errors.h"
#include "handle_table.h"
#include "mbedtls/build_info.h"
#include "mbedtls/entropy.h"
#include "psa/crypto.h"
#include "session_seal.h"
#include "tls_config.h"
#include "tls_connection.h"
#include "wasm_ssl.h"

using wssl::HandleTable;
using wssl::TlsConfig;
using wssl::TlsConnection;

namespace {

HandleTable<TlsConfig> &configs() {
  static HandleTable<TlsConfig> table;
  return table;
}

HandleTable<TlsConnection> &connections() {
  static HandleTable<TlsConnection> table;
  return table;
}

// PSA (and with it the DRBG every handshake draws from) is seeded once, from getentropy(); the
// key that seals saved sessions is drawn right after.
int32_t init_crypto() {
  static int32_t status = [] {
    if (psa_crypto_init() != PSA_SUCCESS) return int32_t{MBEDTLS_ERR_ENTROPY_SOURCE_FAILED};
    return wssl::init_session_key();
  }();
  return status;
}

// Whether [p, p + len) lies inside the module's linear memory. In wasm a pointer is an offset
// into that memory, so a host that passes a wrong one gets WSSL_EINVAL instead of a trap (or,
// below the end, of silently using other bytes). Natively any address may be valid: nothing can
// be checked there.
bool in_memory(const void *p, size_t len) {
#if defined(__wasm__)
  uint64_t size = static_cast<uint64_t>(__builtin_wasm_memory_size(0)) * 65536;
  uint64_t start = reinterpret_cast<uintptr_t>(p);
  return start <= size && len <= size - start;
#else
  (void)p;
  (void)len;
  return true;
#endif
}

// A pointer/length pair from the host: a non-negative length, a pointer unless it is empty,
// all of it in memory.
bool valid_buffer(const void *p, int32_t len) {
  return len >= 0 && (p != nullptr || len == 0) && in_memory(p, static_cast<size_t>(len));
}

// A NUL-terminated string from the host (or null where allowed): in wasm, it must start in
// memory and end before memory does.
bool valid_string(const char *s) {
#if defined(__wasm__)
  if (s == nullptr) return true;
  uint64_t size = static_cast<uint64_t>(__builtin_wasm_memory_size(0)) * 65536;
  uint64_t start = reinterpret_cast<uintptr_t>(s);
  return start < size && std::memchr(s, 0, static_cast<size_t>(size - start)) != nullptr;
#else
  (void)s;
  return true;
#endif
}

}  // namespace

#define WITH_CONFIG(handle)              \
  auto cfg = configs().get(handle);      \
  if (cfg == nullptr) return WSSL_EBADF;

#define WITH_CONN(handle, fail_value)        \
  auto conn = connections().get(handle);     \
  if (conn == nullptr) return fail_value;

extern "C" {

WSSL_API const char *wssl_mbedtls_version(void) { return MBEDTLS_VERSION_STRING_FULL; }
WSSL_API const char *wssl_error_name(int32_t code) { return wssl::error_name(code); }
WSSL_API const char *wssl_error_reason(int32_t code) { return wssl::error_reason(code); }
WSSL_API const char *wssl_ciphers_available(void) { return wssl::cipher_suite_names().c_str(); }

WSSL_API int32_t wssl_config_new(int32_t endpoint) {
  if (endpoint != WSSL_CLIENT && endpoint != WSSL_SERVER) return WSSL_EINVAL;
  int32_t ret = init_crypto();
  if (ret != 0) return ret;
  return configs().add(std::shared_ptr<TlsConfig>(new TlsConfig(endpoint)));
}

WSSL_API int32_t wssl_config_free(int32_t config) {
  return configs().remove(config) ? 0 : WSSL_EBADF;
}

WSSL_API int32_t wssl_config_set_verify_mode(int32_t config, int32_t mode) {
  WITH_CONFIG(config);
  return cfg->set_verify_mode(mode);
}

WSSL_API int32_t wssl_config_get_verify_mode(int32_t config) {
  WITH_CONFIG(config);
  return cfg->verify_mode();
}

WSSL_API int32_t wssl_config_set_own_cert(int32_t config, const uint8_t *cert, int32_t cert_len,
                                          const uint8_t *key, int32_t key_len) {
  WITH_CONFIG(config);
  if (!valid_buffer(cert, cert_len) || !valid_buffer(key, key_len)) return WSSL_EINVAL;
  return cfg->set_own_cert(cert, static_cast<size_t>(cert_len), key, static_cast<size_t>(key_len));
}

WSSL_API int32_t wssl_config_add_ca(int32_t config, const uint8_t *cadata, int32_t len) {
  WITH_CONFIG(config);
  if (!valid_buffer(cadata, len)) return WSSL_EINVAL;
  return cfg->add_ca(cadata, static_cast<size_t>(len));
}

WSSL_API int32_t wssl_config_set_ciphers(int32_t config, const char *names) {
  WITH_CONFIG(config);
  if (!valid_string(names)) return WSSL_EINVAL;
  return cfg->set_ciphers(names);
}

WSSL_API int32_t wssl_config_set_alpn(int32_t config, const char *protocols) {
  WITH_CONFIG(config);
  if (!valid_string(protocols)) return WSSL_EINVAL;
  return cfg->set_alpn(protocols);
}

WSSL_API int32_t wssl_config_set_versions(int32_t config, int32_t min_version,
                                          int32_t max_version) {
  WITH_CONFIG(config);
  return cfg->set_versions(min_version, max_version);
}

WSSL_API int32_t wssl_config_set_psk(int32_t config, const uint8_t *identity, int32_t identity_len,
                                     const uint8_t *key, int32_t key_len) {
  WITH_CONFIG(config);
  if (!valid_buffer(identity, identity_len) || !valid_buffer(key, key_len)) return WSSL_EINVAL;
  return cfg->set_psk(identity, static_cast<size_t>(identity_len), key,
                      static_cast<size_t>(key_len));
}

WSSL_API int32_t wssl_config_set_verify_callback(int32_t config, int32_t enabled) {
  WITH_CONFIG(config);
  cfg->set_verify_callback(enabled != 0);
  return 0;
}

WSSL_API int32_t wssl_config_set_verify_profile(int32_t config, int32_t profile) {
  WITH_CONFIG(config);
  return cfg->set_verify_profile(profile);
}

WSSL_API int32_t wssl_config_set_max_chain_depth(int32_t config, int32_t depth) {
  WITH_CONFIG(config);
  return cfg->set_max_chain_depth(depth);
}

WSSL_API int32_t wssl_conn_new(int32_t config, int32_t stream, const char *server_hostname) {
  WITH_CONFIG(config);
  if (!valid_string(server_hostname)) return WSSL_EINVAL;
  std::shared_ptr<const wssl::SslConfigSnapshot> snapshot;
  int32_t ret = cfg->snapshot(&snapshot);
  if (ret != 0) return ret;
  std::shared_ptr<TlsConnection> conn;
  ret = TlsConnection::create(std::move(snapshot), stream, server_hostname, &conn);
  if (ret != 0) return ret;
  return connections().add(std::move(conn));
}

WSSL_API int32_t wssl_handshake(int32_t c) {
  WITH_CONN(c, WSSL_EBADF);
  return conn->handshake();
}

WSSL_API int32_t wssl_read(int32_t c, uint8_t *buf, int32_t len) {
  WITH_CONN(c, WSSL_EBADF);
  if (!valid_buffer(buf, len)) return WSSL_EINVAL;
  return conn->read(buf, len);
}

WSSL_API int32_t wssl_write(int32_t c, const uint8_t *buf, int32_t len) {
  WITH_CONN(c, WSSL_EBADF);
  if (!valid_buffer(buf, len)) return WSSL_EINVAL;
  return conn->write(buf, len);
}

WSSL_API int32_t wssl_pending(int32_t c) {
  WITH_CONN(c, WSSL_EBADF);
  return conn->pending();
}

WSSL_API int32_t wssl_close(int32_t c) {
  WITH_CONN(c, WSSL_EBADF);
  int32_t ret = conn->close();
  if (ret == 0) connections().remove(c);
  return ret;
}

WSSL_API int32_t wssl_handshake_done(int32_t c) {
  WITH_CONN(c, WSSL_EBADF);
  return conn->handshake_done() ? 1 : 0;
}

WSSL_API int32_t wssl_close_notify_received(int32_t c) {
  WITH_CONN(c, WSSL_EBADF);
  return conn->close_notify_received() ? 1 : 0;
}

WSSL_API const char *wssl_version(int32_t c) {
  WITH_CONN(c, nullptr);
  return conn->version();
}

WSSL_API const char *wssl_cipher(int32_t c) {
  WITH_CONN(c, nullptr);
  return conn->cipher();
}

WSSL_API const char *wssl_alpn_protocol(int32_t c) {
  WITH_CONN(c, nullptr);
  return conn->alpn_protocol();
}

WSSL_API const uint8_t *wssl_peer_cert_der(int32_t c) {
  WITH_CONN(c, nullptr);
  const mbedtls_x509_crt *crt = conn->peer_cert();
  return crt == nullptr ? nullptr : crt->raw.p;
}

WSSL_API int32_t wssl_peer_cert_len(int32_t c) {
  WITH_CONN(c, WSSL_EBADF);
  const mbedtls_x509_crt *crt = conn->peer_cert();
  return crt == nullptr ? 0 : static_cast<int32_t>(crt->raw.len);
}

WSSL_API const char *wssl_peer_cert_json(int32_t c) {
  WITH_CONN(c, nullptr);
  return conn->peer_cert_json();
}

WSSL_API uint32_t wssl_verify_flags(int32_t c) {
  WITH_CONN(c, 0xFFFFFFFFu);
  return conn->verify_flags();
}

WSSL_API const char *wssl_verify_info(int32_t c, const char *prefix) {
  WITH_CONN(c, nullptr);
  if (!valid_string(prefix)) return nullptr;
  return conn->verify_info(prefix);
}

WSSL_API int32_t wssl_verify_chain_length(int32_t c) {
  WITH_CONN(c, WSSL_EBADF);
  return static_cast<int32_t>(conn->verify_chain().size());
}

static const TlsConnection::ChainEntry *chain_entry(const TlsConnection &conn, int32_t index) {
  const auto &chain = conn.verify_chain();
  if (index < 0 || static_cast<size_t>(index) >= chain.size()) return nullptr;
  return &chain[static_cast<size_t>(index)];
}

WSSL_API const uint8_t *wssl_verify_chain_der(int32_t c, int32_t index) {
  WITH_CONN(c, nullptr);
  const auto *e = chain_entry(*conn, index);
  return e == nullptr ? nullptr : e->der.data();
}

WSSL_API int32_t wssl_verify_chain_der_len(int32_t c, int32_t index) {
  WITH_CONN(c, WSSL_EBADF);
  const auto *e = chain_entry(*conn, index);
  return e == nullptr ? WSSL_EINVAL : static_cast<int32_t>(e->der.size());
}

WSSL_API int32_t wssl_verify_chain_depth(int32_t c, int32_t index) {
  WITH_CONN(c, WSSL_EBADF);
  const auto *e = chain_entry(*conn, index);
  return e == nullptr ? WSSL_EINVAL : e->depth;
}

WSSL_API int32_t wssl_verify_complete(int32_t c, int32_t result) {
  WITH_CONN(c, WSSL_EBADF);
  return conn->verify_complete(result);
}

WSSL_API int32_t wssl_session_save(int32_t c, uint8_t *buf, int32_t cap) {
  WITH_CONN(c, WSSL_EBADF);
  if (!valid_buffer(buf, cap)) return WSSL_EINVAL;
  return conn->session_save(buf, cap);
}

WSSL_API int32_t wssl_session_load(int32_t c, const uint8_t *buf, int32_t len) {
  WITH_CONN(c, WSSL_EBADF);
  if (!valid_buffer(buf, len) || len == 0) return WSSL_EINVAL;
  return conn->session_load(buf, len);
}

WSSL_API int32_t wssl_session_resumed(int32_t c) {
  WITH_CONN(c, WSSL_EBADF);
  return conn->resumed() ? 1 : 0;
}

}  // extern "C"
