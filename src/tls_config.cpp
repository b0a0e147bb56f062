#include "tls_config.h"

#include <cstring>

#include "cipher_suites.h"
#include "mbedtls/sha256.h"
#include "mbedtls/ssl_ciphersuites.h"
#include "random.h"
#include "wasm_ssl.h"
#include "x509/lenient_parse.h"

namespace wssl {
namespace {

// Server-side PSK lookup by identity (mbedtls_ssl_conf_psk_cb).
int find_psk(void *param, mbedtls_ssl_context *ssl, const unsigned char *identity,
             size_t identity_len) {
  const auto *table = static_cast<const std::vector<PskEntry> *>(param);
  for (const PskEntry &e : *table)
    if (e.identity.size() == identity_len &&
        std::memcmp(e.identity.data(), identity, identity_len) == 0)
      return mbedtls_ssl_set_hs_psk(ssl, e.key.data(), e.key.size());
  return MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY;
}

// Signature algorithms offered and accepted: mbedtls' default list, but with RSA PKCS#1 v1.5
// ahead of RSA-PSS. A TLS 1.2 server signs its key exchange with the first RSA scheme of the
// client's list, and with mbedtls' order that is RSA-PSS, which mbedtls 3.6.6 then refuses in
// TLS 1.2 (MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER against OpenSSL, GnuTLS and Node servers with RSA
// keys). TLS 1.3 never signs a handshake with PKCS#1 v1.5, so there RSA-PSS is still chosen.
const uint16_t kSignatureAlgorithms[] = {
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256, MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,       MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,       MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384,    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256,
    MBEDTLS_TLS1_3_SIG_NONE};

// What a saved session compares to know it was verified against the same trust anchors.
Digest digest_of(const std::vector<std::vector<uint8_t>> &ders) {
  Digest out{};
  mbedtls_sha256_context ctx;
  mbedtls_sha256_init(&ctx);
  mbedtls_sha256_starts(&ctx, 0);
  for (const auto &der : ders) mbedtls_sha256_update(&ctx, der.data(), der.size());
  mbedtls_sha256_finish(&ctx, out.data());
  mbedtls_sha256_free(&ctx);
  return out;
}

bool valid_version(int32_t v) { return v == WSSL_TLS1_2 || v == WSSL_TLS1_3; }

// Limits [min, max] to the versions that `suites` (zero-terminated) can serve; false if none.
bool narrow_versions(const std::vector<int> &suites, int32_t *min_version, int32_t *max_version) {
  bool tls13 = false, tls12 = false;
  for (int id : suites) {
    if (id == 0) break;
    (std::strncmp(mbedtls_ssl_get_ciphersuite_name(id), "TLS1-3-", 7) == 0 ? tls13 : tls12) = true;
  }
  if (!tls13 && *max_version == WSSL_TLS1_3) *max_version = WSSL_TLS1_2;
  if (!tls12 && *min_version == WSSL_TLS1_2) *min_version = WSSL_TLS1_3;
  return *min_version <= *max_version;
}

}  // namespace

TlsConfig::TlsConfig(int32_t endpoint)
    : endpoint_(endpoint),
      // As MicroPython's tls.SSLContext: a client verifies by default, a server does not.
      verify_mode_(endpoint == WSSL_CLIENT ? WSSL_CERT_REQUIRED : WSSL_CERT_NONE) {}

int32_t TlsConfig::set_verify_mode(int32_t mode) {
  if (mode < WSSL_CERT_NONE || mode > WSSL_CERT_REQUIRED) return WSSL_EINVAL;
  verify_mode_ = mode;
  changed();
  return 0;
}

int32_t TlsConfig::set_own_cert(const uint8_t *cert, size_t cert_len, const uint8_t *key,
                                size_t key_len) {
  // The key first, as MicroPython does, so a bad key is reported as "invalid key".
  auto parsed_key = std::shared_ptr<PrivateKey>(new PrivateKey);
  int32_t ret = parse_private_key(key, key_len, parsed_key.get());
  if (ret != 0) return ret;
  auto chain = std::shared_ptr<CertChain>(new CertChain);
  ret = parse_certificates(cert, cert_len, chain.get());
  if (ret < 0) return ret;
  if (mbedtls_pk_check_pair(&chain->crt.pk, &parsed_key->pk, mbedtls_psa_get_random,
                            MBEDTLS_PSA_RANDOM_STATE) != 0)
    return WSSL_ERR_INVALID_KEY;  // a valid key, but not this certificate's
  own_chain_ = std::move(chain);
  own_key_ = std::move(parsed_key);
  changed();
  return 0;
}

int32_t TlsConfig::add_ca(const uint8_t *data, size_t len) {
  CertChain added;
  int32_t count = parse_certificates(data, len, &added);
  if (count < 0) return count;
  // Rebuild the whole chain: snapshots in use keep the previous one.
  auto chain = std::shared_ptr<CertChain>(new CertChain);
  std::vector<std::vector<uint8_t>> ders = ca_der_;
  for (const mbedtls_x509_crt *c = &added.crt; c != nullptr && c->raw.p; c = c->next)
    ders.emplace_back(c->raw.p, c->raw.p + c->raw.len);
  for (const auto &der : ders)
    if (wssl_x509_crt_parse_der_lenient(&chain->crt, der.data(), der.size()) != 0)
      return WSSL_ERR_INVALID_CERT;
  ca_der_.swap(ders);
  ca_ = std::move(chain);
  changed();
  return count;
}

int32_t TlsConfig::set_ciphers(const char *names) {
  auto ids = std::make_shared<std::vector<int>>();
  if (!parse_cipher_suites(names, ids.get())) return WSSL_ERR_BAD_CONFIG;
  ciphers_ = std::move(ids);
  changed();
  return 0;
}

int32_t TlsConfig::set_alpn(const char *protocols) {
  std::vector<std::string> list;
  std::string all(protocols == nullptr ? "" : protocols);
  size_t start = 0;
  while (start < all.size()) {
    size_t comma = all.find(',', start);
    if (comma == std::string::npos) comma = all.size();
    std::string name = all.substr(start, comma - start);
    if (name.empty() || name.size() > 255) return WSSL_EINVAL;
    list.push_back(name);
    start = comma + 1;
  }
  alpn_.swap(list);
  changed();
  return 0;
}

int32_t TlsConfig::set_versions(int32_t min_version, int32_t max_version) {
  if (!valid_version(min_version) || !valid_version(max_version) || min_version > max_version)
    return WSSL_EINVAL;
  min_version_ = min_version;
  max_version_ = max_version;
  changed();
  return 0;
}

int32_t TlsConfig::set_psk(const uint8_t *identity, size_t identity_len, const uint8_t *key,
                           size_t key_len) {
  if (identity == nullptr || identity_len == 0 || key == nullptr || key_len == 0 ||
      key_len > MBEDTLS_PSK_MAX_LEN)
    return WSSL_EINVAL;
  PskEntry entry{{identity, identity + identity_len}, {key, key + key_len}};
  if (endpoint_ == WSSL_CLIENT) psk_.clear();  // a client offers one identity
  psk_.push_back(std::move(entry));
  changed();
  return 0;
}

void TlsConfig::set_verify_callback(bool enabled) {
  verify_callback_ = enabled;
  changed();
}

int32_t TlsConfig::set_verify_profile(int32_t profile) {
  if (profile != WSSL_VERIFY_COMPAT && profile != WSSL_VERIFY_STRICT) return WSSL_EINVAL;
  strict_verify_ = profile == WSSL_VERIFY_STRICT;
  changed();
  return 0;
}

int32_t TlsConfig::set_max_chain_depth(int32_t depth) {
  if (depth < -1) return WSSL_EINVAL;
  max_chain_depth_ = depth;
  changed();
  return 0;
}

int32_t TlsConfig::snapshot(std::shared_ptr<const SslConfigSnapshot> *out) {
  if (cached_ == nullptr) {
    int32_t ret = build(&cached_);
    if (ret != 0) return ret;
  }
  *out = cached_;
  return 0;
}

int32_t TlsConfig::build(std::shared_ptr<const SslConfigSnapshot> *out) {
  auto s = std::shared_ptr<SslConfigSnapshot>(new SslConfigSnapshot);
  mbedtls_ssl_config *conf = &s->conf;
  int ret = mbedtls_ssl_config_defaults(
      conf, endpoint_ == WSSL_SERVER ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
      MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
  if (ret != 0) return ret;
  s->endpoint = endpoint_;
  s->verify_mode = verify_mode_;
  s->verify_callback = verify_callback_;
  s->strict_verify = strict_verify_;
  s->max_chain_depth = max_chain_depth_;
  mbedtls_ssl_conf_rng(conf, mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
  mbedtls_ssl_conf_authmode(conf, verify_mode_);
  mbedtls_ssl_conf_sig_algs(conf, kSignatureAlgorithms);
  // Chosen cipher suites of one protocol version only narrow the versions offered, so that
  // choosing a TLS 1.2 suite gives TLS 1.2 instead of a failed TLS 1.3 negotiation.
  int32_t min_version = min_version_, max_version = max_version_;
  if (ciphers_ && !narrow_versions(*ciphers_, &min_version, &max_version))
    return WSSL_ERR_BAD_CONFIG;
  mbedtls_ssl_conf_min_tls_version(conf, static_cast<mbedtls_ssl_protocol_version>(min_version));
  mbedtls_ssl_conf_max_tls_version(conf, static_cast<mbedtls_ssl_protocol_version>(max_version));

  s->ciphers = ciphers_ ? ciphers_
                        : std::shared_ptr<const std::vector<int>>(&default_cipher_suites(),
                                                                  [](const std::vector<int> *) {});
  mbedtls_ssl_conf_ciphersuites(conf, s->ciphers->data());

  s->ca = ca_;
  s->anchors_digest = digest_of(ca_der_);
  if (ca_) mbedtls_ssl_conf_ca_chain(conf, &ca_->crt, nullptr);
  s->own_chain = own_chain_;
  s->own_key = own_key_;
  if (own_chain_) {
    ret = mbedtls_ssl_conf_own_cert(conf, &own_chain_->crt, &own_key_->pk);
    if (ret != 0) return ret;
  }

  s->alpn_names = alpn_;
  if (!s->alpn_names.empty()) {
    for (const std::string &name : s->alpn_names) s->alpn_list.push_back(name.c_str());
    s->alpn_list.push_back(nullptr);
    ret = mbedtls_ssl_conf_alpn_protocols(conf, s->alpn_list.data());
    if (ret != 0) return ret;
  }

  s->psk_table = psk_;
  s->has_psk = !psk_.empty();
  if (s->has_psk && endpoint_ == WSSL_CLIENT) {
    const PskEntry &e = s->psk_table.front();
    ret = mbedtls_ssl_conf_psk(conf, e.key.data(), e.key.size(), e.identity.data(),
                               e.identity.size());
    if (ret != 0) return ret;
  } else if (s->has_psk) {
    mbedtls_ssl_conf_psk_cb(conf, find_psk, &s->psk_table);
  }

  if (endpoint_ == WSSL_SERVER) {
    if (tickets_ == nullptr) {
      auto keys = std::shared_ptr<TicketKeys>(new TicketKeys);
      ret = mbedtls_ssl_ticket_setup(&keys->ctx, mbedtls_psa_get_random,
                                     MBEDTLS_PSA_RANDOM_STATE, MBEDTLS_CIPHER_AES_256_GCM, 86400);
      if (ret != 0) return ret;
      tickets_ = std::move(keys);
    }
    s->tickets = tickets_;
    mbedtls_ssl_conf_session_tickets_cb(conf, mbedtls_ssl_ticket_write, mbedtls_ssl_ticket_parse,
                                        &tickets_->ctx);
  } else {
    // Surface TLS 1.3 tickets so they can be saved for resumption (read() skips over them).
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
        conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
  }
  *out = std::move(s);
  return 0;
}

}  // namespace wssl
