#pragma once
/// What a forked test process leaves for its supervisor in shared memory, readable after a crash.

#include <atomic>
#include <cstddef>
#include <cstring>
#include <source_location>
#include <string>

#include <testkit/core/process_role.hpp>

namespace testkit::detail {

/// Written by the test process, read by the supervisor once the process has ended. Plain data only: it is
/// filled from signal handlers.
struct BlackBox {
  /// File of the last passed assertion or TK_CHECKPOINT. Points into the test binary's image, which the
  /// supervisor shares (the process is its fork), so the supervisor reads the text directly.
  const char* checkpoint_file = nullptr;
  unsigned checkpoint_line = 0;
  char terminate_reason[512] = {};  ///< why std::terminate was called, when it was
  int fatal_signal = 0;             ///< the signal a crash handler caught
  bool stack_overflow = false;      ///< the fault address was in the guard area below the stack
  std::size_t frame_count = 0;      ///< raw return addresses of the crashing thread, innermost first
  void* frames[64] = {};
  /// The test's tmp_path() directory, NUL-terminated, once made (empty when it made none or the path did not fit),
  /// so that the supervisor can name it, and remove it after a crash.
  char tmp_path[1024] = {};
};

/// The tmp_path() directory `box` notes, read within its bounds; empty when it notes none.
[[nodiscard]] inline std::string noted_tmp_path(const BlackBox& box) {
  return {box.tmp_path, strnlen(box.tmp_path, sizeof box.tmp_path)};
}

/// Remembers `where` as the last point the test reached (cheap: two stores, or nothing outside a fork).
/// Any thread of the test may call it.
inline void note_checkpoint(const std::source_location& where) noexcept {
  if (BlackBox* box = process_role().black_box) {
    // Relaxed atomic stores (plain moves on common CPUs): assertions passing on several threads at once
    // would otherwise be a data race. The supervisor reads the box only after the process has ended.
    std::atomic_ref(box->checkpoint_file).store(where.file_name(), std::memory_order_relaxed);
    std::atomic_ref(box->checkpoint_line).store(where.line(), std::memory_order_relaxed);
  }
}

}  // namespace testkit::detail

/// Marks a point the test reached; a crash report names the last one (passed assertions count too).
#define TK_CHECKPOINT() ::testkit::detail::note_checkpoint(std::source_location::current())
