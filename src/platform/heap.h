#pragma once

#include <cstddef>

extern "C" void *wssl_counted_calloc(size_t n, size_t size);
extern "C" void wssl_counted_free(void *ptr);

namespace wssl {
// Base for engine objects whose memory counts in wssl_heap_stats().
struct CountedAllocation {
  static void *operator new(size_t size);
  static void operator delete(void *ptr);
};
}  // namespace wssl
