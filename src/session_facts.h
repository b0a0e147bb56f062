// What a saved session records about how its peer was authenticated, and the rule for which
// new connections it may serve. Resuming skips the certificate checks, so a session may only
// stand in for a handshake whose checks it has already passed: the same trust anchors, the
// same host name, and a verification at least as strong as the new connection asks for.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wssl {

using Digest = std::array<uint8_t, 32>;  // SHA-256

// The settings a connection verifies its peer with.
struct VerifySettings {
  int32_t mode = 0;     // WSSL_CERT_NONE / OPTIONAL / REQUIRED
  uint8_t profile = 0;  // 0: mbedtls' default checks; a stricter profile gets a higher number
  bool callback = false;  // the host's verify callback saw (and accepted) the chain
  Digest anchors{};       // SHA-256 of the trusted CA certificates' DER, in order
  bool has_hostname = false;
  std::string hostname;
};

struct SessionFacts {
  VerifySettings settings;
  uint32_t verify_flags = 0;  // mbedtls' verdict (MBEDTLS_X509_BADCERT_SKIP_VERIFY: not verified)
  std::vector<uint8_t> peer_leaf;  // DER; empty when the peer presented none
};

// Whether a session with `recorded` facts may resume a connection with settings `now`:
// same anchors and host name, a profile at least as strict, a callback's approval when the
// connection has a callback, and a passed verification when the connection requires one.
bool session_serves(const SessionFacts &recorded, const VerifySettings &now);

// Appends the facts to *out (the mbedtls session follows them in a saved blob).
void encode_facts(const SessionFacts &facts, std::vector<uint8_t> *out);

// Reads facts from the front of data; the bytes consumed, or 0 when malformed.
size_t decode_facts(const uint8_t *data, size_t len, SessionFacts *facts);

}  // namespace wssl
