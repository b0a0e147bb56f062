// HandleTable: integer handles for engine objects. Handles are never reused within an
// instance, so a stale or forged handle from the host is detected instead of dereferenced.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace wssl {

template <typename T>
class HandleTable {
 public:
  // Takes ownership; returns the new handle (> 0).
  int32_t add(std::shared_ptr<T> object) {
    int32_t handle = next_++;
    objects_.emplace_back(handle, std::move(object));  // handles ascend: the vector stays sorted
    return handle;
  }
  std::shared_ptr<T> get(int32_t handle) const {
    auto it = find(handle);
    return it == objects_.end() ? nullptr : it->second;
  }
  bool remove(int32_t handle) {
    auto it = find(handle);
    if (it == objects_.end()) return false;
    objects_.erase(it);
    return true;
  }
  size_t size() const { return objects_.size(); }

 private:
  using Entry = std::pair<int32_t, std::shared_ptr<T>>;
  // A sorted vector rather than a std::map: the same lookups for a fraction of the module bytes.
  typename std::vector<Entry>::const_iterator find(int32_t handle) const {
    auto it = std::lower_bound(objects_.begin(), objects_.end(), handle,
                               [](const Entry &e, int32_t h) { return e.first < h; });
    return it != objects_.end() && it->first == handle ? it : objects_.end();
  }

  std::vector<Entry> objects_;
  int32_t next_ = 1;
};

}  // namespace wssl
