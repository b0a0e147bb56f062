// TlsConfig: the settings of one tls.SSLContext, and the frozen mbedtls configuration
// (SslConfigSnapshot) that each new connection is made from. Changing a setting never touches
// a configuration that a live connection uses: the next connection gets a new snapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "certificates.h"
#include "mbedtls/ssl.h"
#include "mbedtls/ssl_ticket.h"
#include "platform/heap.h"
#include "session_facts.h"

namespace wssl {

struct PskEntry {
  std::vector<uint8_t> identity;
  std::vector<uint8_t> key;
};

// Session-ticket keys of a server config, shared by all its snapshots so that tickets stay
// valid across setting changes.
struct TicketKeys : CountedAllocation {
  TicketKeys() { mbedtls_ssl_ticket_init(&ctx); }
  ~TicketKeys() { mbedtls_ssl_ticket_free(&ctx); }
  mbedtls_ssl_ticket_context ctx;
};

struct SslConfigSnapshot : CountedAllocation {
  SslConfigSnapshot() { mbedtls_ssl_config_init(&conf); }
  ~SslConfigSnapshot() { mbedtls_ssl_config_free(&conf); }
  SslConfigSnapshot(const SslConfigSnapshot &) = delete;
  SslConfigSnapshot &operator=(const SslConfigSnapshot &) = delete;

  mbedtls_ssl_config conf;
  int32_t endpoint = 0;
  int32_t verify_mode = 0;
  bool verify_callback = false;
  bool has_psk = false;
  Digest anchors_digest{};  // SHA-256 of the trusted certificates' DER, in order
  bool strict_verify = true;    // WSSL_VERIFY_STRICT
  int32_t max_chain_depth = -1;  // intermediates allowed; -1: mbedtls' own limit
  // What `conf` points into, kept alive with it.
  std::shared_ptr<CertChain> ca;
  std::shared_ptr<CertChain> own_chain;
  std::shared_ptr<PrivateKey> own_key;
  std::shared_ptr<const std::vector<int>> ciphers;
  std::vector<std::string> alpn_names;
  std::vector<const char *> alpn_list;
  std::vector<PskEntry> psk_table;
  std::shared_ptr<TicketKeys> tickets;
};

class TlsConfig : public CountedAllocation {
 public:
  explicit TlsConfig(int32_t endpoint);

  int32_t endpoint() const { return endpoint_; }
  int32_t set_verify_mode(int32_t mode);
  int32_t verify_mode() const { return verify_mode_; }
  int32_t set_own_cert(const uint8_t *cert, size_t cert_len, const uint8_t *key, size_t key_len);
  int32_t add_ca(const uint8_t *data, size_t len);
  int32_t set_ciphers(const char *names);
  int32_t set_alpn(const char *protocols);
  int32_t set_versions(int32_t min_version, int32_t max_version);
  int32_t set_psk(const uint8_t *identity, size_t identity_len, const uint8_t *key,
                  size_t key_len);
  void set_verify_callback(bool enabled);
  int32_t set_verify_profile(int32_t profile);
  int32_t set_max_chain_depth(int32_t depth);

  // The configuration for a new connection, built on first use after any change.
  int32_t snapshot(std::shared_ptr<const SslConfigSnapshot> *out);

 private:
  int32_t build(std::shared_ptr<const SslConfigSnapshot> *out);
  void changed() { cached_.reset(); }

  int32_t endpoint_;
  int32_t verify_mode_;
  bool verify_callback_ = false;
  bool strict_verify_ = true;
  int32_t max_chain_depth_ = -1;
  int32_t min_version_ = 0x0303, max_version_ = 0x0304;
  std::shared_ptr<CertChain> ca_;
  std::vector<std::vector<uint8_t>> ca_der_;  // every trusted certificate, to rebuild ca_
  std::shared_ptr<CertChain> own_chain_;
  std::shared_ptr<PrivateKey> own_key_;
  std::shared_ptr<const std::vector<int>> ciphers_;
  std::vector<std::string> alpn_;
  std::vector<PskEntry> psk_;
  std::shared_ptr<TicketKeys> tickets_;
  std::shared_ptr<const SslConfigSnapshot> cached_;
};

}  // namespace wssl
