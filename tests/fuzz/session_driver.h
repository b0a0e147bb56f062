// One connection's life as the fuzzers and the seed recorder both run it: handshake, the
// queries a host makes, a short exchange of data, close. Identical call order in both, so the
// random draws (and with them a recorded peer's replies) line up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace wssl_fuzz {

// Called when the engine wants the transport (WSSL_WANT_READ / WANT_WRITE); returns false to
// give up (the recorder's peer went quiet). The harnesses always return true: their input
// stream never blocks for long.
using WaitForTransport = std::function<bool(int32_t want)>;

// A new connection over host stream `stream` with the config for `options` (fuzz_world.h),
// the random stream restarted, and `session` (if any) offered for resumption (what
// wssl_session_load said goes to *session_result). <= 0 on failure.
int32_t open_connection(uint8_t options, bool is_client, int32_t stream, const uint8_t *session,
                        size_t session_len, int32_t *session_result = nullptr);

// What a finished connection negotiated, for the recorder's log and seeds.
struct SessionReport {
  std::string version, cipher;
  bool resumed = false;
  std::vector<uint8_t> session;  // a client's saved session
};

// Runs `conn` to its end and closes it, filling *report if given. Returns the handshake's result.
int32_t run_session(int32_t conn, bool is_client, const WaitForTransport &wait,
                    SessionReport *report = nullptr);

}  // namespace wssl_fuzz
