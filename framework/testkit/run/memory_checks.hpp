#pragma once
/// Memory errors, undefined behaviour and leaks charged to the test that caused them: the sanitizer runtimes' reports
/// made failures, and LeakSanitizer's check run when each test ends; under valgrind, memcheck's errors and leaks
/// (memcheck.hpp). Does nothing in a binary without sanitizers that does not run under valgrind.

#include <cstdint>

#include <testkit/core/result.hpp>
#include <testkit/run/memcheck.hpp>

namespace testkit::detail {

/// From now on, each report of a sanitizer runtime loaded in this process becomes a failure of the test whose thread
/// caused it: AddressSanitizer's errors, UndefinedBehaviorSanitizer's and ThreadSanitizer's reports (noted in the
/// black box too, in a forked test process). An AddressSanitizer error (an UndefinedBehaviorSanitizer one built
/// without recovery) then ends the process: `on_fatal_error`, when given, runs first, on the thread of the error, with
/// the failure recorded. Call once per process before its tests (again to change `on_fatal_error`).
void watch_sanitizer_reports(void (*on_fatal_error)() = nullptr);

/// How many sanitizer reports this process has made failures of so far (see judge_memory).
[[nodiscard]] std::uint64_t sanitizer_findings() noexcept;

/// What the sanitizers and valgrind had found when a test started, which judge_memory compares with when it ends.
struct MemoryMark {
  std::uint64_t sanitizer_findings = 0;  ///< sanitizer_findings()
  MemcheckMark memcheck{};               ///< memcheck_mark()
};

/// Called on a test's thread when the test starts (under valgrind, a leak check runs).
[[nodiscard]] MemoryMark memory_mark();

/// Takes the leaks that LeakSanitizer finds now as this process's baseline, which later checks do not charge to a
/// test: the leaks of static initialisation, of the runner, of class and module fixtures. A forked process inherits
/// it. Its report is kept off stderr. Nothing without LeakSanitizer (or with detect_leaks=0).
void take_leak_baseline();

/// Whether LeakSanitizer runs in this process, or valgrind: each test's leaks are then checked when it ends
/// (judge_memory), so tests in one process must not run at once.
[[nodiscard]] bool checks_leaks();

/// Settles `result` (of a test that just ended on this thread) with what the sanitizers and valgrind found while it
/// ran (`before`: memory_mark() when it started): memory_error when a sanitizer report was made a failure of it, or
/// when valgrind counted errors (a failure says how many); else, after the leak checks (whatever the verdict, so that
/// a test's leaks are never the next one's), for a test that passed: leaked, with a failure naming the new leaks'
/// allocations in the test's code, when memory allocated since the baseline is unreachable (those leaks then join
/// the baseline), or naming the bytes memcheck found lost since the test started. The failures it adds go after those
/// `result` had.
void judge_memory(TestResult& result, const MemoryMark& before);

}  // namespace testkit::detail
