#pragma once
/// Failures made from the text of a sanitizer's report: an AddressSanitizer error, a LeakSanitizer leak check, a
/// one-line summary.

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/core/failure.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit::detail {

/// Turns a stack of this process (its addresses, innermost first) into the trace of the test's code, one
/// "#N function at file:line" a line (describe_test_frames, which the runtime's own frames, testkit's and the
/// runner's below the test are left out of).
using DescribeFrames = std::function<std::string(std::span<void* const> addresses)>;

/// One leak of a LeakSanitizer report: "Direct leak of 40 byte(s) in 1 object(s) allocated from:" and its stack.
struct Leak {
  bool direct = true;  ///< a direct leak (no pointer to it left anywhere), or an indirect one (only leaked blocks
                       ///< point to it)
  std::size_t bytes = 0;
  std::size_t objects = 0;
  std::vector<void*> frames{};  ///< the allocation's stack, innermost first, as the report gives its addresses
  Location allocated_at{};      ///< the report's first frame in the code under test; empty when it names none

  friend bool operator==(const Leak&, const Leak&) = default;
};

/// The leaks that a LeakSanitizer report (the text __lsan_do_recoverable_leak_check printed) lists, in its order.
[[nodiscard]] std::vector<Leak> parse_leak_report(std::string_view report);

/// The leaks of `after` that `before` (an earlier check of the same process) did not have: a leak whose stack both
/// list counts with the bytes and objects it grew by.
[[nodiscard]] std::vector<Leak> new_leaks(const std::vector<Leak>& before, const std::vector<Leak>& after);

/// The failure of `test` that leaked `leaks` (not empty): "leaked 40 bytes in 1 allocation (LeakSanitizer)", then
/// each leak's size and where in the test's code it was allocated, at the first place of the first direct leak.
[[nodiscard]] Failure leak_failure(const TestInfo& test, const std::vector<Leak>& leaks,
                                   const DescribeFrames& describe);

/// The failure that an AddressSanitizer error report (its whole text) makes, at the test's code where the bad access
/// was (the test's location when that is unknown): the error as headline ("AddressSanitizer: heap-use-after-free on
/// address 0x..."), the access and where the memory was freed and allocated in the details, the access's stack as
/// its stack trace.
[[nodiscard]] Failure memory_error_failure(const TestInfo& test, std::string_view report,
                                           const DescribeFrames& describe);

/// Whether an AddressSanitizer report is of a deadly signal its handler caught ("SEGV on unknown address",
/// "stack-overflow", "BUS", "FPE", "ILL", "ABRT"): a crash, not an error it found in a memory access.
[[nodiscard]] bool is_deadly_signal_report(std::string_view report);

/// The failure that a sanitizer's one-line summary makes ("SUMMARY: ThreadSanitizer: data race /src/a.cpp:12 in f"):
/// "ThreadSanitizer: data race" at /src/a.cpp:12 (the test's location when it names none).
[[nodiscard]] Failure summary_failure(const TestInfo& test, std::string_view summary);

}  // namespace testkit::detail
