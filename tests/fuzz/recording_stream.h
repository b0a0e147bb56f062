// The seed recorder's host stream: the engine's two imports over a non-blocking socket,
// keeping a copy of every byte the peer sent (that copy becomes a seed).
#pragma once

#include <cstdint>
#include <vector>

namespace wssl_fuzz {

constexpr int32_t kRecordedStream = 1;

// From now on stream kRecordedStream is `fd` (made non-blocking); the recording restarts.
void record_socket(int fd);
const std::vector<uint8_t> &recorded_bytes();

// Waits (poll) until the socket is ready for what `want` asks; false after timeout_ms.
bool wait_for_socket(int32_t want, int timeout_ms);

}  // namespace wssl_fuzz
