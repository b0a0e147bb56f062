// TlsConnection: one TLS session over one host stream (one SSLSocket). Drives the handshake
// step by step so that it can pause for the host's verify callback; every result that is
// not "would block" and not success is sticky.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mbedtls/ssl.h"
#include "platform/heap.h"
#include "tls_config.h"
#include "x509/path_checker.h"

namespace wssl {

class TlsConnection : public CountedAllocation {
 public:
  // 0 and *out set, or an error (WSSL_ERR_HOSTNAME_REQUIRED, mbedtls setup errors).
  static int32_t create(std::shared_ptr<const SslConfigSnapshot> config, int32_t stream,
                        const char *server_hostname, std::shared_ptr<TlsConnection> *out);
  ~TlsConnection();
  TlsConnection(const TlsConnection &) = delete;
  TlsConnection &operator=(const TlsConnection &) = delete;

  int32_t handshake();
  int32_t read(uint8_t *buf, int32_t len);
  int32_t write(const uint8_t *buf, int32_t len);
  int32_t pending() const;
  // 0 when closed, WANT_WRITE while close_notify waits for the transport.
  int32_t close();

  bool handshake_done() const;
  bool close_notify_received() const { return eof_; }
  const char *version() const;
  const char *cipher() const;
  const char *alpn_protocol() const;
  const mbedtls_x509_crt *peer_cert() const;
  const char *peer_cert_json();
  uint32_t verify_flags() const;
  const char *verify_info(const char *prefix);

  struct ChainEntry {
    std::vector<uint8_t> der;
    int32_t depth;
  };
  const std::vector<ChainEntry> &verify_chain() const { return chain_; }
  int32_t verify_complete(int32_t result);

  int32_t session_save(uint8_t *buf, int32_t cap);
  int32_t session_load(const uint8_t *buf, int32_t len);
  bool resumed() const;

 private:
  TlsConnection(std::shared_ptr<const SslConfigSnapshot> config, int32_t stream);
  int32_t drive_handshake();
  int32_t fail(int32_t code);
  int32_t fail_incoming(int32_t code);  // fail() for what mbedtls reports while receiving
  static int observe_certificate(void *self, mbedtls_x509_crt *crt, int depth, uint32_t *flags);

  enum class VerifyState { kCollecting, kPaused, kDone };

  std::shared_ptr<const SslConfigSnapshot> config_;
  int32_t stream_;  // mbedtls' BIO context points here
  mbedtls_ssl_context ssl_;
  int32_t error_ = 0;  // sticky failure
  bool eof_ = false;   // close_notify received
  bool certificate_exchanged_ = false;
  VerifyState verify_state_ = VerifyState::kCollecting;
  int32_t held_error_ = 0;  // mbedtls' own verdict, reported after the callback
  std::vector<ChainEntry> chain_;
  std::string text_;  // backing store for returned strings
  std::vector<uint8_t> saved_session_;
  std::string presented_leaf_json_;  // the peer's leaf as seen during verification
  x509::PathChecker path_checker_;   // the engine's own certificate rules
  int32_t unacknowledged_write_ = 0;  // bytes of an encrypted record that a WANT_WRITE left unsent
};

}  // namespace wssl
