// mbedtls' calloc/free (MBEDTLS_PLATFORM_CALLOC_MACRO) with accounting, so that hosts and
// tests can read the heap in use and its high-water mark (wssl_heap_stats). Engine objects
// allocate through the same counters (CountedAllocation).
#include "platform/heap.h"

#include <cstdlib>
#include <cstring>

#include "wasm_ssl.h"

namespace {
// A header in front of each block records its size; 16 keeps the payload max-aligned.
constexpr size_t kHeader = 16;
int64_t g_in_use = 0;
int64_t g_peak = 0;
}  // namespace

extern "C" void *wssl_counted_calloc(size_t n, size_t size) {
  if (size != 0 && n > (SIZE_MAX - kHeader) / size) return nullptr;
  size_t bytes = n * size;
  auto *block = static_cast<unsigned char *>(std::calloc(1, bytes + kHeader));
  if (block == nullptr) return nullptr;
  std::memcpy(block, &bytes, sizeof bytes);
  g_in_use += static_cast<int64_t>(bytes);
  if (g_in_use > g_peak) g_peak = g_in_use;
  return block + kHeader;
}

extern "C" void wssl_counted_free(void *ptr) {
  if (ptr == nullptr) return;
  auto *block = static_cast<unsigned char *>(ptr) - kHeader;
  size_t bytes;
  std::memcpy(&bytes, block, sizeof bytes);
  g_in_use -= static_cast<int64_t>(bytes);
  std::free(block);
}

namespace wssl {
void *CountedAllocation::operator new(size_t size) {
  void *p = wssl_counted_calloc(1, size);
  if (p == nullptr) std::abort();  // -fno-exceptions: no bad_alloc to throw
  return p;
}
void CountedAllocation::operator delete(void *ptr) { wssl_counted_free(ptr); }
}  // namespace wssl

extern "C" {

WSSL_API void *wssl_alloc(int32_t size) {
  return size < 0 ? nullptr : std::malloc(size == 0 ? 1 : static_cast<size_t>(size));
}

WSSL_API void wssl_free(void *ptr) { std::free(ptr); }

WSSL_API int32_t wssl_heap_stats(int32_t which) {
  auto clamp = [](int64_t v) { return static_cast<int32_t>(v > INT32_MAX ? INT32_MAX : v); };
  switch (which) {
    case 0: return clamp(g_in_use);
    case 1: return clamp(g_peak);
    case 2: g_peak = g_in_use; return clamp(g_peak);
    default: return WSSL_EINVAL;
  }
}

}  // extern "C"
