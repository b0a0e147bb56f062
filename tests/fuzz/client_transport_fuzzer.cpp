// libFuzzer: the engine as a TLS client, the fuzz input as everything the server sends.
// Input: option byte (fuzz_world.h), [saved session], then the server's bytes.
#include <cstddef>
#include <cstdint>

#include "input_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  wssl_fuzz::run_transport_input(data, size, /*is_client=*/true);
  return 0;
}
