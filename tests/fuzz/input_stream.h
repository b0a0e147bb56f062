// The harnesses' host stream: the engine's two imports, serving the fuzz input as the peer's
// bytes (then end of stream) and taking every write.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wssl_fuzz {

constexpr int32_t kInputStream = 1;

// Serves data[0..size) on stream kInputStream, shaped by the transport bits of `options`
// (kOneBytePerRead, kWouldBlockEveryOtherRead).
void serve_input(const uint8_t *data, size_t size, uint8_t options);

// One client or server connection over the input (option byte first, as the recorder writes
// it); shared by the two transport harnesses.
void run_transport_input(const uint8_t *data, size_t size, bool is_client);

}  // namespace wssl_fuzz
