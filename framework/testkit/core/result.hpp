#pragma once
/// What running tests produced.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/core/failure.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit {

/// How one test ended.
enum class Verdict {
  passed,
  failed,
  skipped,
  expected_failure,  ///< marked xfail and failed as expected: counts as a pass
  unexpected_pass,   ///< marked xfail but passed: counts as a failure
};

/// Lower-case name used in reports ("passed", "expected_failure", ...).
[[nodiscard]] std::string_view to_string(Verdict verdict);

/// True for the verdicts that make the run fail.
[[nodiscard]] bool is_failure(Verdict verdict);

/// The outcome of one run of one test.
struct TestResult {
  const TestInfo* test = nullptr;
  Verdict verdict = Verdict::passed;
  std::vector<Failure> failures{};       ///< in the order they happened; capped, see omitted_failures
  std::size_t omitted_failures = 0;    ///< failures beyond the cap, counted but not kept
  std::string reason{};                  ///< the skip or xfail reason
  std::chrono::nanoseconds duration{};
};

/// Verdict counts of a run. Expected failures count as passed, unexpected passes as failed.
struct Tally {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  std::size_t expected_failures = 0;  ///< already included in passed

  void add(Verdict verdict);
};

/// A finished (or interrupted) run: every result in the order the tests ended.
struct RunResult {
  std::vector<TestResult> results{};
  std::chrono::nanoseconds duration{};

  [[nodiscard]] Tally tally() const;
};

}  // namespace testkit
