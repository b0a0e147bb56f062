// HandleTable: integer handles for engine objects. Handles are never reused within an
// instance, so a stale or forged handle from the host is detected instead of dereferenced.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

namespace wssl {

template <typename T>
class HandleTable {
 public:
  // Takes ownership; returns the new handle (> 0).
  int32_t add(std::shared_ptr<T> object) {
    int32_t handle = next_++;
    objects_.emplace(handle, std::move(object));
    return handle;
  }
  std::shared_ptr<T> get(int32_t handle) const {
    auto it = objects_.find(handle);
    return it == objects_.end() ? nullptr : it->second;
  }
  bool remove(int32_t handle) { return objects_.erase(handle) == 1; }
  size_t size() const { return objects_.size(); }

 private:
  std::map<int32_t, std::shared_ptr<T>> objects_;
  int32_t next_ = 1;
};

}  // namespace wssl
