// What the transport fuzzers and the seed recorder share, so that a recorded handshake replays
// byte for byte inside a harness: the fixed fuzzing identity (identity/), one engine config
// per option byte, and a random stream that restarts at every connection.
#pragma once

#include <cstdint>
#include <vector>

namespace wssl_fuzz {

// The first byte of every transport input. Bits 0-4 choose the engine config, bits 5-7 the
// shape of the transport (and, for a client, whether a saved session precedes the bytes).
namespace client_option {
constexpr uint8_t kVerifyOptional = 0x01;  // CERT_OPTIONAL against the fuzz CA (else NONE)
constexpr uint8_t kAlpn = 0x02;            // offers "h2,http/1.1"
constexpr uint8_t kClientCert = 0x04;      // has a certificate for client authentication
constexpr uint8_t kTls12Only = 0x08;
constexpr uint8_t kPsk = 0x10;
constexpr uint8_t kSessionBlob = 0x80;     // input: u16 BE length, saved session, transport
}  // namespace client_option

namespace server_option {
constexpr uint8_t kRequireClientCert = 0x01;  // CERT_REQUIRED against the fuzz CA
constexpr uint8_t kAlpn = 0x02;               // accepts "http/1.1,h2"
constexpr uint8_t kRsa = 0x04;                // RSA-2048 certificate instead of ECDSA P-256
constexpr uint8_t kTls12Only = 0x08;
constexpr uint8_t kPsk = 0x10;
}  // namespace server_option

constexpr uint8_t kConfigBits = 0x1F;
constexpr uint8_t kOneBytePerRead = 0x20;
constexpr uint8_t kWouldBlockEveryOtherRead = 0x40;

// A file of the fixed fuzzing identity (identity/ca.crt, server.key, ...).
std::vector<uint8_t> identity_file(const char *name);

// The config for these options, made on first use from a fixed random state (so that a
// server's ticket key is the same in every process).
int32_t client_config(uint8_t options);
int32_t server_config(uint8_t options);

// Restarts PSA with the fixed entropy: everything drawn from here on is the same in every run.
// Call right before each wssl_conn_new.
void restart_randomness();

}  // namespace wssl_fuzz
