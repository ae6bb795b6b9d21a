#pragma once
/// Stack traces that show the test's own code.

#include <span>
#include <string>
#include <vector>

namespace testkit::detail {

/// Frames kept in a trace.
inline constexpr std::size_t max_trace_frames = 24;

/// The calling thread's raw return addresses, innermost first (cheap; symbolize with describe_test_frames).
[[nodiscard]] std::vector<void*> capture_frames();

/// The calling thread's stack as text, innermost frame first, one "#N function at file:line" a line,
/// keeping only the frames of the test's code: testkit, Boost, the standard library and the runner below
/// the test are left out. Empty when no frame is left (e.g. a binary without symbols).
[[nodiscard]] std::string test_code_stacktrace();

/// The same text for frames captured elsewhere (raw return addresses, innermost first).
[[nodiscard]] std::string describe_test_frames(std::span<void* const> addresses);

}  // namespace testkit::detail
