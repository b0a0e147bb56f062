// Saved sessions carry an HMAC-SHA256 tag under a key drawn once per engine instance, so that
// only sessions this instance saved ever reach mbedtls_ssl_session_load(), which is not written
// for untrusted input (a TLS 1.3 session whose host name lacks its NUL made it read past the
// name). A session is therefore good for the engine instance that saved it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wssl {

// Draws the key; 0, or the random generator's error. Once, when the crypto is initialised.
int32_t init_session_key();

// Appends the tag to a session mbedtls has just saved.
void seal_session(std::vector<uint8_t> *blob);

// The length of the session in front of a valid tag, or -1 when the tag does not match.
int32_t open_session(const uint8_t *blob, size_t len);

}  // namespace wssl
