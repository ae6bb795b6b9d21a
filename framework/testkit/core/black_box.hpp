#pragma once
/// What a forked test process leaves for its supervisor in shared memory, readable after a crash.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <source_location>
#include <string>
#include <vector>

#include <testkit/core/process_role.hpp>

namespace testkit::detail {

/// BlackBox::memory_error's value once a sanitizer reported an error.
inline constexpr std::uint64_t memory_error_mark = 0x4d454d4f52590a01;  // "MEMORY\n\1"

/// Written by the test process (from signal handlers too), read by the supervisor once the process has ended. The
/// test's code can write any bytes here, so it is plain data that every byte pattern leaves valid: text in bounded
/// arrays, integers, no pointer the supervisor follows, no bool. The supervisor reads it only through
/// read_black_box and noted_tmp_path, which bound every field.
struct BlackBox {
  /// File names of passed assertions and TK_CHECKPOINTs in two slots, so that a test alternating between two files
  /// (its body and a helper's) copies neither again: NUL-terminated text (its end, after "...", when it does not
  /// fit), held in words that threads of the test store with relaxed atomics.
  std::uint64_t checkpoint_files[2][64] = {};
  /// The test process's own notes of which name each slot holds (the address of that text in its image), so that a
  /// checkpoint copies a name only when its file is in neither slot. The supervisor never reads them.
  std::uintptr_t checkpoint_keys[2] = {};
  std::uint8_t checkpoint_slot = 0;  ///< its low bit: the slot of the last checkpoint's file
  std::uint32_t checkpoint_line = 0;
  char terminate_reason[512] = {};  ///< why std::terminate was called, when it was (NUL-terminated)
  std::int32_t fatal_signal = 0;    ///< the signal a crash handler caught
  std::uint8_t stack_overflow = 0;  ///< non-zero: the fault address was in the guard area below the stack
  /// memory_error_mark when a sanitizer reported an error in the test (memory_checks.hpp): a 64-bit mark, so that the
  /// garbage a test may leave here does not make a crash look like a memory error.
  std::uint64_t memory_error = 0;
  std::uint64_t frame_count = 0;   ///< raw return addresses stored in `frames`
  std::uintptr_t frames[64] = {};  ///< of the crashing thread, innermost first; symbolized, never followed
  /// The test's tmp_path() directory, NUL-terminated, once made (empty when it made none or the path did not fit),
  /// so that the supervisor can name it, and remove it after a crash.
  char tmp_path[1024] = {};
};

/// What the supervisor takes from a black box: a copy made once, every field bounded and checked.
struct BlackBoxReading {
  std::string checkpoint{};        ///< "file:line" of the last passed assertion or checkpoint; empty: none
  std::string terminate_reason{};  ///< empty when std::terminate was not called
  int fatal_signal = 0;            ///< 0, or a signal number (1 to 64)
  bool stack_overflow = false;
  bool memory_error = false;    ///< a sanitizer reported an error in the test, which its streamed failures describe
  std::vector<void*> frames{};  ///< at most 64
  std::string tmp_path{};
};

/// Reads `box`, which the test process may have filled with anything: never reads past it, never follows what it
/// holds. Control characters in the checkpoint's file name come out as "\xNN".
[[nodiscard]] BlackBoxReading read_black_box(const BlackBox& box);

/// The tmp_path() directory `box` notes, read within its bounds; empty when it notes none.
[[nodiscard]] std::string noted_tmp_path(const BlackBox& box);

/// Makes `file` the last checkpoint's file, copying its name into a slot unless one holds it; any thread of the test
/// (called by note_checkpoint when neither slot holds it).
void note_checkpoint_file(BlackBox& box, const char* file) noexcept;

/// Remembers `where` as the last point the test reached: two loads and a store when the file is the last
/// checkpoint's, a load and a store more when it is the other slot's (its name is copied only when neither slot
/// holds it); nothing outside a forked test process. Any thread of the test may call it.
inline void note_checkpoint(const std::source_location& where) noexcept {
  if (BlackBox* box = process_role().black_box) {
    // Relaxed atomic accesses (plain moves on common CPUs): assertions passing on several threads at once would
    // otherwise be a data race. The supervisor reads the box only after the process has ended.
    const char* const file = where.file_name();
    const auto key = reinterpret_cast<std::uintptr_t>(file);
    const unsigned slot = std::atomic_ref(box->checkpoint_slot).load(std::memory_order_relaxed) & 1u;
    if (std::atomic_ref(box->checkpoint_keys[slot]).load(std::memory_order_relaxed) != key) {
      if (std::atomic_ref(box->checkpoint_keys[slot ^ 1u]).load(std::memory_order_relaxed) == key)
        std::atomic_ref(box->checkpoint_slot).store(static_cast<std::uint8_t>(slot ^ 1u), std::memory_order_relaxed);
      else
        note_checkpoint_file(*box, file);
    }
    std::atomic_ref(box->checkpoint_line).store(where.line(), std::memory_order_relaxed);
  }
}

}  // namespace testkit::detail

/// Marks a point the test reached; a crash report names the last one (passed assertions count too).
#define TK_CHECKPOINT() ::testkit::detail::note_checkpoint(std::source_location::current())
