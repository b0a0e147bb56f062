#include "tls_connection.h"

#include <cstring>

#include "certificates.h"
#include "host_stream.h"
#include "mbedtls_private.h"
#include "mbedtls/platform_util.h"
#include "session_seal.h"
#include "x509/verify_text.h"
#include "wasm_ssl.h"

namespace wssl {
namespace priv = mbedtls_private;

int32_t TlsConnection::create(std::shared_ptr<const SslConfigSnapshot> config, int32_t stream,
                              const char *server_hostname,
                              std::shared_ptr<TlsConnection> *out) {
  // MicroPython refuses this up front; mbedtls would only fail later in the handshake.
  if (config->endpoint == WSSL_CLIENT && config->verify_mode == WSSL_CERT_REQUIRED &&
      server_hostname == nullptr)
    return WSSL_ERR_HOSTNAME_REQUIRED;
  // The name goes into SNI and the certificate check: refuse what no host can be called.
  x509::HostName host;
  if (server_hostname != nullptr && !x509::parse_host_name(server_hostname, &host))
    return WSSL_EINVAL;
  std::shared_ptr<TlsConnection> conn(new TlsConnection(config, stream));
  x509::VerifyPolicy policy;
  policy.strict = config->strict_verify;
  policy.max_chain_depth = config->max_chain_depth;
  policy.peer_is_server = config->endpoint == WSSL_CLIENT;
  policy.anchors = config->ca ? &config->ca->crt : nullptr;
  conn->path_checker_.set_policy(policy);
  int ret = mbedtls_ssl_setup(&conn->ssl_, &config->conf);
  if (ret != 0) return ret;
  VerifySettings &v = conn->verify_settings_;
  v.mode = config->verify_mode;
  v.callback = config->verify_callback;
  v.anchors = config->anchors_digest;
  v.profile = config->strict_verify ? 1 : 0;  // a strict session may serve a compat connection, not the reverse
  if (server_hostname != nullptr) {
    // An IP literal is not sent as SNI (RFC 6066), and mbedtls' own name check is replaced by
    // the engine's (observe_certificate), so mbedtls gets no name for it.
    bool ip = host.kind == x509::HostName::Kind::kIp;
    ret = mbedtls_ssl_set_hostname(&conn->ssl_, ip ? nullptr : host.dns.c_str());
    if (ret != 0) return ret;
    v.has_hostname = true;
    v.hostname = server_hostname;
    if (config->endpoint == WSSL_CLIENT) conn->path_checker_.set_host(&host);
  }
  if (config->verify_mode != WSSL_CERT_NONE)
    mbedtls_ssl_set_verify(&conn->ssl_, observe_certificate, conn.get());
  mbedtls_ssl_set_bio(&conn->ssl_, &conn->io_, HostStream::send, HostStream::recv, nullptr);
  mbedtls_ssl_set_user_data_p(&conn->ssl_, conn.get());  // answer_psk_from_host
  *out = std::move(conn);
  return 0;
}

TlsConnection::TlsConnection(std::shared_ptr<const SslConfigSnapshot> config, int32_t stream)
    : config_(std::move(config)), io_(stream) {
  mbedtls_ssl_init(&ssl_);
}

TlsConnection::~TlsConnection() { mbedtls_ssl_free(&ssl_); }

int32_t TlsConnection::fail(int32_t code) {
  if (error_ == 0) error_ = code;
  return error_;
}

int32_t TlsConnection::fail_incoming(int32_t code) {
  // mbedtls 3.6 reads a record's body without first checking its announced length: a record
  // longer than any TLS record ends in MBEDTLS_ERR_SSL_BAD_INPUT_DATA ("requesting more data
  // than fits"), which reads as the caller's mistake. It is the peer's: say so to both.
  constexpr size_t kRecordHeader = 5;
  if (code == MBEDTLS_ERR_SSL_BAD_INPUT_DATA && priv::incoming_bytes_held(ssl_) >= kRecordHeader) {
    mbedtls_ssl_send_alert_message(&ssl_, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                   MBEDTLS_SSL_ALERT_MSG_RECORD_OVERFLOW);
    code = MBEDTLS_ERR_SSL_INVALID_RECORD;
  }
  return fail(code);
}

int TlsConnection::observe_certificate(void *self, mbedtls_x509_crt *crt, int depth,
                                       uint32_t *flags) {
  auto *conn = static_cast<TlsConnection *>(self);
  conn->path_checker_.check(*crt, depth, flags);
  // mbedtls frees a peer chain that fails verification: keep what an error message needs.
  if (depth == 0) conn->presented_leaf_json_ = certificate_json(*crt);
  if (conn->config_->verify_callback)
    conn->chain_.push_back({std::vector<uint8_t>(crt->raw.p, crt->raw.p + crt->raw.len), depth});
  return 0;
}

bool TlsConnection::handshake_done() const {
  return mbedtls_ssl_is_handshake_over(const_cast<mbedtls_ssl_context *>(&ssl_)) != 0;
}

int32_t TlsConnection::handshake() { return drive_handshake(); }

int32_t TlsConnection::drive_handshake() {
  if (error_ != 0) return error_;
  if (verify_state_ == VerifyState::kPaused) return WSSL_WANT_VERIFY;
  if (psk_state_ == PskState::kPaused) return WSSL_WANT_PSK;
  // The records of each flight reach the host as one write (see host_stream.h).
  io_.set_gathering(true);
  int32_t ret = step_handshake();
  io_.set_gathering(false);
  int flushed = io_.flush();
  if (ret == 0 || ret == MBEDTLS_ERR_SSL_WANT_READ) {
    if (flushed == MBEDTLS_ERR_SSL_WANT_WRITE) return flushed;
    if (flushed != 0) return fail(flushed);
  }
  return ret;  // an error stays the error even if its alert could not be flushed
}

int32_t TlsConnection::step_handshake() {
  while (!handshake_done()) {
    if (priv::handshake_state(ssl_) == MBEDTLS_SSL_SERVER_CERTIFICATE) certificate_exchanged_ = true;
    if (config_->psk_lookup && psk_state_ == PskState::kWaiting &&
        priv::handshake_state(ssl_) == MBEDTLS_SSL_CLIENT_KEY_EXCHANGE) {
      int32_t ret = pause_for_psk_lookup();
      if (ret != 0) return ret;
    }
    priv::protect_handshake_alerts(&ssl_);
    int ret = mbedtls_ssl_handshake_step(&ssl_);
    // The chain has been verified (successfully or not): let the host's callback see it.
    if (config_->verify_callback && verify_state_ == VerifyState::kCollecting &&
        !chain_.empty() && ret != MBEDTLS_ERR_SSL_WANT_READ &&
        ret != MBEDTLS_ERR_SSL_WANT_WRITE) {
      verify_state_ = VerifyState::kPaused;
      held_error_ = ret;
      return WSSL_WANT_VERIFY;
    }
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) return ret;
    if (ret != 0) return fail_incoming(ret);
  }
  return 0;
}

// The ClientKeyExchange of a TLS 1.2 PSK suite (plain or ECDHE) starts with the client's
// identity (RFC 4279, 5489); mbedtls would hand it to its PSK callback only in the middle of
// the step that also uses the key. So the record is read ahead, unconsumed, and the handshake
// pauses for the host before that step. Anything else there is left to mbedtls (which then
// refuses the identity: the host was never asked).
int32_t TlsConnection::pause_for_psk_lookup() {
  const uint8_t *rec = nullptr;
  size_t len = 0;
  int ret = priv::peek_incoming_record(&ssl_, &rec, &len);
  if (ret == MBEDTLS_ERR_SSL_WANT_READ) return ret;
  psk_state_ = PskState::kAnswered;
  constexpr uint8_t kHandshake = 22, kClientKeyExchange = 16;
  constexpr size_t kIdentityAt = 5 + 4 + 2;  // record header, handshake header, length
  if (ret != 0 || len < kIdentityAt || rec[0] != kHandshake || rec[5] != kClientKeyExchange)
    return 0;
  size_t id_len = (size_t{rec[9]} << 8) | rec[10];
  if (id_len > len - kIdentityAt) return 0;
  psk_identity_.assign(rec + kIdentityAt, rec + kIdentityAt + id_len);
  psk_state_ = PskState::kPaused;
  return WSSL_WANT_PSK;
}

int32_t TlsConnection::psk_complete(const uint8_t *key, size_t key_len) {
  if (psk_state_ != PskState::kPaused) return WSSL_EINVAL;
  psk_state_ = PskState::kAnswered;
  // A key mbedtls refuses (too long) refuses the identity, as a missing one does.
  psk_key_set_ = key_len > 0 && mbedtls_ssl_set_hs_psk(&ssl_, key, key_len) == 0;
  return 0;
}

bool TlsConnection::psk_accepted(const unsigned char *identity, size_t len) const {
  return psk_key_set_ && len == psk_identity_.size() &&
         (len == 0 || std::memcmp(identity, psk_identity_.data(), len) == 0);
}

int answer_psk_from_host(void *, mbedtls_ssl_context *ssl, const unsigned char *identity,
                         size_t identity_len) {
  const auto *conn = static_cast<const TlsConnection *>(mbedtls_ssl_get_user_data_p(ssl));
  return conn != nullptr && conn->psk_accepted(identity, identity_len)
             ? 0
             : MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY;
}

int32_t TlsConnection::verify_complete(int32_t result) {
  if (verify_state_ != VerifyState::kPaused) return WSSL_EINVAL;
  verify_state_ = VerifyState::kDone;
  chain_.clear();
  chain_.shrink_to_fit();
  if (result != 0) {
    // A veto: the peer learns why, and the callback's value is the handshake's error (a
    // positive one, which would read as a byte count, becomes CERT_VERIFY_FAILED).
    mbedtls_ssl_send_alert_message(&ssl_, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                   MBEDTLS_SSL_ALERT_MSG_BAD_CERT);
    return fail(result > 0 ? WSSL_ERR_CERT_VERIFY_FAILED : result);
  }
  if (held_error_ != 0) return fail(held_error_);
  return 0;
}

int32_t TlsConnection::read(uint8_t *buf, int32_t len) {
  if (error_ != 0) return error_;
  if (eof_) return 0;
  if (!handshake_done()) {
    int32_t ret = drive_handshake();
    if (ret != 0) return ret;
  }
  // mbedtls returns one record's data per call. Records that have already arrived are read
  // on into the rest of buf, so that one call (one trip from the host into wasm) takes them
  // all: a 16 KiB write is two records in TLS 1.3 (16,383 + 1 bytes). Whatever ends the
  // batch after some data (end, close_notify, error) is reported by the next call instead.
  int32_t total = 0;
  int held_retries = 0;  // bounded: a held message must make progress within a few calls
  for (;;) {
    int ret = mbedtls_ssl_read(&ssl_, buf + total, static_cast<size_t>(len - total));
    // mbedtls reports the transport's end as end of stream (0) even inside a record; bytes of a
    // record that never completes were cut off, which is an error, not an end.
    if (ret == 0 && len > total && priv::incoming_bytes_held(ssl_) > 0) {
      fail(MBEDTLS_ERR_SSL_CONN_EOF);
      return total > 0 ? total : error_;
    }
    if (ret > 0) {
      total += ret;
      if (total < len) continue;
      return total;
    }
    if (ret == 0) return total;
    if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
      eof_ = true;
      return total;
    }
    // A TLS 1.3 ticket is not data: it is stored (session_save) and reading goes on.
    if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) continue;
    // mbedtls says WANT_READ when it holds a ticket back for the next call: that is work
    // already received, not a reason to wait for the transport.
    if (ret == MBEDTLS_ERR_SSL_WANT_READ && mbedtls_ssl_check_pending(&ssl_) &&
        ++held_retries <= 8)
      continue;
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
      return total > 0 ? total : ret;
    fail_incoming(ret);
    return total > 0 ? total : error_;
  }
}

int32_t TlsConnection::write(const uint8_t *buf, int32_t len) {
  if (error_ != 0) return error_;
  if (!handshake_done()) {
    int32_t ret = drive_handshake();
    if (ret != 0) return ret;
  }
  // Output left over from an earlier call goes first. If it is the record of a write that
  // returned WANT_WRITE, the caller is now passing those same bytes again: once the record is
  // out, they have been sent. (mbedtls would do this itself, but only if nothing else flushed
  // the record in between; a read that processes a TLS 1.3 ticket does, and mbedtls would
  // then encrypt the bytes a second time.)
  if (priv::outgoing_bytes_held(ssl_) > 0) {
    int ret = priv::flush_output(&ssl_);
    if (ret == MBEDTLS_ERR_SSL_WANT_WRITE) return ret;
    if (ret != 0) return fail(ret);
  }
  if (unacknowledged_write_ > 0) {
    int32_t sent = unacknowledged_write_;
    unacknowledged_write_ = 0;
    return sent;
  }
  uint64_t record_number = priv::next_outgoing_record_number(ssl_);
  int ret;
  // A ticket that a read left half-processed is finished by mbedtls_ssl_write() first, which
  // then reports it instead of writing: write again.
  do {
    ret = mbedtls_ssl_write(&ssl_, buf, static_cast<size_t>(len));
  } while (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET);
  if (ret == MBEDTLS_ERR_SSL_WANT_WRITE &&
      priv::next_outgoing_record_number(ssl_) != record_number) {
    // The record was encrypted (its sequence number is used) but not yet sent.
    int max = mbedtls_ssl_get_max_out_record_payload(&ssl_);
    unacknowledged_write_ = max > 0 && max < len ? max : len;
  }
  if (ret >= 0 || ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
    return ret;
  return fail(ret);
}

int32_t TlsConnection::pending() const {
  return static_cast<int32_t>(mbedtls_ssl_get_bytes_avail(&ssl_));
}

int32_t TlsConnection::close() {
  if (handshake_done() && error_ == 0) {
    int ret = mbedtls_ssl_close_notify(&ssl_);
    if (ret == MBEDTLS_ERR_SSL_WANT_WRITE) return ret;
    // Any other failure to say goodbye still closes: the stream is going away regardless.
  }
  io_.close();
  return 0;
}

const char *TlsConnection::version() const {
  return handshake_done() ? mbedtls_ssl_get_version(&ssl_) : nullptr;
}

const char *TlsConnection::cipher() const {
  return handshake_done() ? mbedtls_ssl_get_ciphersuite(&ssl_) : nullptr;
}

const char *TlsConnection::alpn_protocol() const { return mbedtls_ssl_get_alpn_protocol(&ssl_); }

const mbedtls_x509_crt *TlsConnection::peer_cert() const {
  // A resumed handshake shows no certificate (TLS 1.3 keeps none): the session's recorded one.
  if (resumed_facts() != nullptr) return offered_leaf_ ? &offered_leaf_->crt : nullptr;
  return mbedtls_ssl_get_peer_cert(&ssl_);
}

const char *TlsConnection::peer_cert_json() {
  const mbedtls_x509_crt *crt = peer_cert();
  if (crt == nullptr)
    return presented_leaf_json_.empty() ? nullptr : presented_leaf_json_.c_str();
  text_ = certificate_json(*crt);
  return text_.c_str();
}

uint32_t TlsConnection::verify_flags() const {
  // Nothing was verified in a resumed handshake (mbedtls' result would read as "verified"):
  // what the session's original handshake found.
  if (const SessionFacts *facts = resumed_facts()) return facts->verify_flags;
  static_assert(WSSL_VERIFY_SKIPPED == MBEDTLS_X509_BADCERT_SKIP_VERIFY, "the ABI names mbedtls' flag");
  static_assert(WSSL_VERIFY_NOT_DONE == 0xFFFFFFFFu, "mbedtls_ssl_get_verify_result(): all bits");
  if (config_->verify_mode == WSSL_CERT_NONE) return WSSL_VERIFY_SKIPPED;
  return mbedtls_ssl_get_verify_result(&ssl_);
}

const char *TlsConnection::verify_info(const char *prefix) {
  uint32_t flags = verify_flags();
  if (flags == 0) return "";
  if (prefix == nullptr) prefix = "";
  // The engine's rules say which one failed instead of mbedtls' "Other reason".
  if (path_checker_.has_reasons()) flags &= ~static_cast<uint32_t>(MBEDTLS_X509_BADCERT_OTHER);
  text_.clear();
  x509::append_verify_text(&text_, prefix, flags);
  text_ += path_checker_.reasons(prefix);
  return text_.c_str();
}

SessionFacts TlsConnection::live_facts() const {
  SessionFacts facts;
  facts.settings = verify_settings_;
  facts.verify_flags = verify_flags();
  if (const mbedtls_x509_crt *crt = mbedtls_ssl_get_peer_cert(&ssl_))
    facts.peer_leaf.assign(crt->raw.p, crt->raw.p + crt->raw.len);
  return facts;
}

const SessionFacts *TlsConnection::resumed_facts() const {
  return offered_ != nullptr && resumed() ? offered_.get() : nullptr;
}

int32_t TlsConnection::session_save(uint8_t *buf, int32_t cap) {
  if (!handshake_done()) return WSSL_EINVAL;
  // mbedtls exports each session once (a TLS 1.3 client again after each new ticket), so
  // the latest export is kept and handed out as often as asked.
  mbedtls_ssl_session session;
  mbedtls_ssl_session_init(&session);
  int ret = mbedtls_ssl_get_session(&ssl_, &session);
  if (ret == 0) {
    // A resumed connection's peer was authenticated by the original handshake: its facts
    // carry over to the tickets this one receives.
    std::vector<uint8_t> plain;
    encode_facts(resumed_facts() != nullptr ? *resumed_facts() : live_facts(), &plain);
    size_t facts_len = plain.size(), needed = 0;
    mbedtls_ssl_session_save(&session, nullptr, 0, &needed);
    plain.resize(facts_len + needed);
    ret = mbedtls_ssl_session_save(&session, plain.data() + facts_len, needed, &needed);
    if (ret == 0) {
      std::vector<uint8_t> blob = seal_session(plain);
      if (!blob.empty()) saved_session_.swap(blob);
    }
    mbedtls_platform_zeroize(plain.data(), plain.size());
  }
  mbedtls_ssl_session_free(&session);
  if (saved_session_.empty()) return ret != 0 ? ret : WSSL_EINVAL;
  int32_t size = static_cast<int32_t>(saved_session_.size());
  if (buf != nullptr && cap >= size) std::memcpy(buf, saved_session_.data(), saved_session_.size());
  return size;
}

int32_t TlsConnection::session_load(const uint8_t *buf, int32_t len) {
  if (config_->endpoint != WSSL_CLIENT || handshake_done()) return WSSL_EINVAL;
  std::vector<uint8_t> plain;
  // Not saved by this instance, or altered.
  if (!open_session(buf, static_cast<size_t>(len), &plain)) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  auto facts = std::unique_ptr<SessionFacts>(new SessionFacts);
  size_t facts_len = decode_facts(plain.data(), plain.size(), facts.get());
  int ret = facts_len == 0 ? MBEDTLS_ERR_SSL_BAD_INPUT_DATA : 0;
  // A session that does not serve this connection is not offered: the handshake runs in full
  // and verifies as this connection's settings say. Not an error: the host did nothing wrong.
  bool offer = ret == 0 && session_serves(*facts, verify_settings_);
  std::unique_ptr<CertChain> leaf;
  if (offer && !facts->peer_leaf.empty()) {
    leaf.reset(new CertChain);
    ret = mbedtls_x509_crt_parse_der(&leaf->crt, facts->peer_leaf.data(), facts->peer_leaf.size());
  }
  if (offer && ret == 0) {
    mbedtls_ssl_session session;
    mbedtls_ssl_session_init(&session);
    ret = mbedtls_ssl_session_load(&session, plain.data() + facts_len, plain.size() - facts_len);
    if (ret == 0) ret = mbedtls_ssl_set_session(&ssl_, &session);
    mbedtls_ssl_session_free(&session);
  }
  if (offer && ret == 0) {
    offered_ = std::move(facts);
    offered_leaf_ = std::move(leaf);
  }
  mbedtls_platform_zeroize(plain.data(), plain.size());
  return ret;
}

bool TlsConnection::resumed() const {
  // Abbreviated handshakes skip the certificate messages; so do external-PSK ones, which
  // therefore never count as resumed.
  return handshake_done() && !certificate_exchanged_ && !config_->has_psk;
}

}  // namespace wssl
