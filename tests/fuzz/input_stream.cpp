#include "input_stream.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "fuzz_world.h"
#include "session_driver.h"
#include "wasm_ssl.h"

namespace wssl_fuzz {
namespace {

struct Input {
  const uint8_t *data = nullptr;
  size_t size = 0, offset = 0;
  uint8_t options = 0;
  unsigned reads = 0;
} g_input;

}  // namespace

void serve_input(const uint8_t *data, size_t size, uint8_t options) {
  g_input = Input{data, size, 0, options, 0};
}

void run_transport_input(const uint8_t *data, size_t size, bool is_client) {
  if (size == 0) return;
  uint8_t options = data[0];
  ++data, --size;
  const uint8_t *session = nullptr;
  size_t session_len = 0;
  if (is_client && (options & client_option::kSessionBlob) && size >= 2) {
    session_len = std::min<size_t>((size_t{data[0]} << 8) | data[1], size - 2);
    session = data + 2;
    data += 2 + session_len, size -= 2 + session_len;
  }
  serve_input(data, size, options);
  int32_t loaded = 0;
  int32_t conn = open_connection(options, is_client, kInputStream, session, session_len, &loaded);
  if (conn <= 0) return;
  // WSSL_FUZZ_REPORT=1 prints how far each input got (to check that seeds replay in full).
  static const bool report = std::getenv("WSSL_FUZZ_REPORT") != nullptr;
  SessionReport out;
  int32_t result = run_session(conn, is_client, [](int32_t) { return true; }, report ? &out : nullptr);
  if (report)
    std::fprintf(stderr, "wssl-fuzz: %shandshake %s %s %s%s\n",
                 session == nullptr ? "" : loaded == 0 ? "session loaded, " : "session refused, ",
                 result == 0 ? "ok" : wssl_error_name(result), out.version.c_str(),
                 out.cipher.c_str(), out.resumed ? " resumed" : "");
}

}  // namespace wssl_fuzz

using wssl_fuzz::g_input;

extern "C" int32_t wssl_host_stream_read(int32_t stream, uint8_t *buf, int32_t len) {
  if (stream != wssl_fuzz::kInputStream) return -9;  // EBADF
  if ((g_input.options & wssl_fuzz::kWouldBlockEveryOtherRead) && (g_input.reads++ & 1) == 0)
    return WSSL_IO_WOULD_BLOCK;
  size_t left = g_input.size - g_input.offset;
  if (left == 0) return 0;
  size_t n = std::min<size_t>(static_cast<size_t>(len), left);
  if (g_input.options & wssl_fuzz::kOneBytePerRead) n = std::min<size_t>(n, 1);
  std::memcpy(buf, g_input.data + g_input.offset, n);
  g_input.offset += n;
  return static_cast<int32_t>(n);
}

extern "C" int32_t wssl_host_stream_write(int32_t, const uint8_t *, int32_t len) {
  return len;  // taken (and dropped); len 0 is the engine's close
}
