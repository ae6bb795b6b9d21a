#pragma once
/// What all the threads of a process share and a test may change: the working directory, the environment, the
/// umask. A test in a process of its own cannot pass changes on; in-process runs put them back between tests.

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace testkit::detail {

/// The shared state as it was when this object was made. Not thread-safe: its owner serializes the calls.
class SharedProcessState {
 public:
  /// Remembers the current working directory (held open), umask and environment.
  SharedProcessState();
  ~SharedProcessState();
  SharedProcessState(const SharedProcessState&) = delete;
  SharedProcessState& operator=(const SharedProcessState&) = delete;

  /// Whether anything may have changed since it was remembered or last restored: two loads, no system call.
  [[nodiscard]] bool changed() const noexcept;
  /// Puts back the remembered working directory and umask, and the variables whose values differ (the others are
  /// left alone, so that threads reading the environment meanwhile see no variable vanish).
  void restore();

 private:
  int cwd_ = -1;
  mode_t umask_ = 022;
  std::vector<std::pair<std::string, std::string>> environment_;
  std::uint64_t changes_seen_ = 0;
};

}  // namespace testkit::detail
