// libFuzzer: the engine as a TLS server, the fuzz input as everything the client sends.
// Input: option byte (fuzz_world.h), then the client's bytes.
#include <cstddef>
#include <cstdint>

#include "input_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  wssl_fuzz::run_transport_input(data, size, /*is_client=*/false);
  return 0;
}
