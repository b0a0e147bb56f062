// Saved sessions are encrypted and authenticated (ChaCha20-Poly1305) under a key drawn once per
// engine instance. Encrypted, because a session holds the secret that resumes it (a TLS 1.2
// master secret, a TLS 1.3 resumption key): a host that stores a blob must not learn it.
// Authenticated, so that only sessions this instance saved ever reach
// mbedtls_ssl_session_load(), which is not written for untrusted input (a TLS 1.3 session
// whose host name lacks its NUL made it read past the name). A session is therefore good for
// the engine instance that saved it.
//
// A sealed blob: format byte (authenticated) | 12-byte random nonce | ciphertext | 16-byte tag.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wssl {

// Draws a new key; 0, or the random generator's error. Once, when the crypto is initialised
// (drawing again makes every blob sealed before unopenable, as in another instance).
int32_t init_session_key();

// The sealed form of `plain`, with a fresh nonce; empty when sealing failed.
std::vector<uint8_t> seal_session(const std::vector<uint8_t> &plain);

// Opens a blob this instance sealed into *plain; false when it was not sealed by this
// instance's key or was altered (then *plain is empty).
bool open_session(const uint8_t *blob, size_t len, std::vector<uint8_t> *plain);

}  // namespace wssl
