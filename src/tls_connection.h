// TlsConnection: one TLS session over one host stream (one SSLSocket). Drives the handshake
// step by step so that it can pause for the host's verify callback; every result that is
// not "would block" and not success is sticky.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mbedtls/ssl.h"
#include "certificates.h"
#include "host_stream.h"
#include "platform/heap.h"
#include "session_facts.h"
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

  // A sealed blob: the facts of how the peer was authenticated, then mbedtls' session.
  int32_t session_save(uint8_t *buf, int32_t cap);
  // 0 also when the session does not serve this connection (other host name or anchors, a
  // weaker verification): then nothing is offered and the handshake is a full one.
  int32_t session_load(const uint8_t *buf, int32_t len);
  bool resumed() const;

 private:
  TlsConnection(std::shared_ptr<const SslConfigSnapshot> config, int32_t stream);
  int32_t drive_handshake();
  int32_t step_handshake();
  int32_t fail(int32_t code);
  int32_t fail_incoming(int32_t code);  // fail() for what mbedtls reports while receiving
  SessionFacts live_facts() const;
  // The facts of the offered session, when the handshake resumed it (else null).
  const SessionFacts *resumed_facts() const;
  static int observe_certificate(void *self, mbedtls_x509_crt *crt, int depth, uint32_t *flags);

  enum class VerifyState { kCollecting, kPaused, kDone };

  std::shared_ptr<const SslConfigSnapshot> config_;
  HostStream io_;  // mbedtls' BIO context points here
  mbedtls_ssl_context ssl_;
  int32_t error_ = 0;  // sticky failure
  bool eof_ = false;   // close_notify received
  bool certificate_exchanged_ = false;
  VerifyState verify_state_ = VerifyState::kCollecting;
  int32_t held_error_ = 0;  // mbedtls' own verdict, reported after the callback
  std::vector<ChainEntry> chain_;
  std::string text_;  // backing store for returned strings
  std::vector<uint8_t> saved_session_;
  VerifySettings verify_settings_;  // what a session must have been verified with to serve here
  std::unique_ptr<SessionFacts> offered_;       // facts of the session offered to the server
  std::unique_ptr<CertChain> offered_leaf_;     // its peer leaf, parsed (getpeercert)
  std::string presented_leaf_json_;  // the peer's leaf as seen during verification
  x509::PathChecker path_checker_;   // the engine's own certificate rules
  int32_t unacknowledged_write_ = 0;  // bytes of an encrypted record that a WANT_WRITE left unsent
};

}  // namespace wssl
