#include "session_driver.h"

#include <cstring>
#include <vector>

#include "fuzz_world.h"
#include "wasm_ssl.h"

namespace wssl_fuzz {
namespace {

// Every loop is bounded: a fuzz input must never make a harness spin.
constexpr int kMaxSteps = 20000;

bool is_want(int32_t r) { return r == WSSL_WANT_READ || r == WSSL_WANT_WRITE; }

int32_t until_settled(const std::function<int32_t()> &op, const WaitForTransport &wait) {
  int32_t r = op();
  for (int i = 0; i < kMaxSteps && is_want(r) && wait(r); ++i) r = op();
  return r;
}

// What a host asks of a connection; the results only need to be computed, not checked.
void query(int32_t conn) {
  volatile size_t sink = 0;
  for (const char *s : {wssl_version(conn), wssl_cipher(conn), wssl_alpn_protocol(conn),
                        wssl_peer_cert_json(conn), wssl_verify_info(conn, "\n")})
    if (s != nullptr) sink = sink + std::strlen(s);
  sink = sink + static_cast<size_t>(wssl_peer_cert_len(conn)) + wssl_verify_flags(conn) +
         static_cast<size_t>(wssl_session_resumed(conn));
}

}  // namespace

int32_t open_connection(uint8_t options, bool is_client, int32_t stream, const uint8_t *session,
                        size_t session_len, int32_t *session_result) {
  int32_t config = is_client ? client_config(options) : server_config(options);
  restart_randomness();
  int32_t conn = wssl_conn_new(config, stream, is_client ? "localhost" : nullptr);
  if (conn > 0 && session != nullptr && session_len > 0) {
    int32_t r = wssl_session_load(conn, session, static_cast<int32_t>(session_len));
    if (session_result != nullptr) *session_result = r;
  }
  return conn;
}

int32_t run_session(int32_t conn, bool is_client, const WaitForTransport &wait,
                    SessionReport *report) {
  int32_t result = until_settled([&] { return wssl_handshake(conn); }, wait);
  query(conn);
  if (result == 0 && report != nullptr) {
    report->version = wssl_version(conn);
    report->cipher = wssl_cipher(conn);
    report->resumed = wssl_session_resumed(conn) == 1;
  }
  if (result == 0) {
    static const uint8_t kMessage[] = "wasm-ssl fuzz\n";
    until_settled([&] { return wssl_write(conn, kMessage, sizeof kMessage - 1); }, wait);
    std::vector<uint8_t> buf(4096);
    for (int i = 0; i < kMaxSteps; ++i) {
      int32_t n = until_settled(
          [&] { return wssl_read(conn, buf.data(), static_cast<int32_t>(buf.size())); }, wait);
      if (n <= 0) break;
    }
    if (is_client) {
      int32_t size = wssl_session_save(conn, nullptr, 0);
      if (size > 0) {
        std::vector<uint8_t> session(static_cast<size_t>(size));
        wssl_session_save(conn, session.data(), size);
        if (report != nullptr) report->session.swap(session);
      }
    }
  }
  until_settled([&] { return wssl_close(conn); }, wait);
  return result;
}

}  // namespace wssl_fuzz
