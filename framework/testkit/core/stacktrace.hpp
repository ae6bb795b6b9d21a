#pragma once
/// Stack traces that show the test's own code.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace testkit::detail {

/// Frames kept in a trace.
inline constexpr std::size_t max_trace_frames = 24;

/// The calling thread's raw return addresses, innermost first (cheap; symbolize with describe_test_frames).
[[nodiscard]] std::vector<void*> capture_frames();

/// Stores the calling thread's raw return addresses, innermost first, in `frames` (at most `capacity`) and returns how
/// many it stored: async-signal-safe (no allocation, no lock), for signal handlers, once prepare_frame_dumps has run
/// in this process or in the one it was forked from.
std::size_t dump_frames(std::uintptr_t* frames, std::size_t capacity) noexcept;

/// Loads what dump_frames uses, which a signal handler must not be the first to do; the processes this one forks
/// inherit it, and later calls do nothing.
void prepare_frame_dumps() noexcept;

/// The calling thread's stack as text, innermost frame first, one "#N function at file:line" a line,
/// keeping only the frames of the test's code: testkit, Boost, the standard library and the runner below
/// the test are left out. Empty when no frame is left (e.g. a binary without symbols).
[[nodiscard]] std::string test_code_stacktrace();

/// The same text for frames captured elsewhere (raw return addresses, innermost first).
[[nodiscard]] std::string describe_test_frames(std::span<void* const> addresses);

}  // namespace testkit::detail
