#pragma once
/// Helpers of the assertion selftests: running assertions under capture_failures and reading the result.

#include <functional>
#include <string>
#include <utility>

#include <testkit/testkit.hpp>

namespace selftest {

/// The one failure an assertion recorded, and whether it ended the captured code early.
struct Outcome {
  testkit::Failure failure;
  bool aborted = false;
};

/// Runs `code` under capture_failures; fails the calling test unless exactly one failure was recorded.
/// Example: const Outcome out = single_failure([] { TK_EXPECT_EQ(1, 2); });
inline Outcome single_failure(const std::function<void()>& code) {
  testkit::Captured captured = testkit::capture_failures(code);
  TK_ASSERT_EQ(captured.failures.size(), 1u, "expected exactly one failure, skip reason: {}", captured.skip_reason);
  return {std::move(captured.failures.front()), captured.aborted};
}

/// True when `code` recorded no failure, ran to its end and did not skip.
inline bool passes(const std::function<void()>& code) {
  const testkit::Captured captured = testkit::capture_failures(code);
  return captured.failures.empty() && !captured.aborted && captured.skip_reason.empty();
}

/// The details of the one failure `code` recorded.
inline std::string details_of(const std::function<void()>& code) { return single_failure(code).failure.details; }

}  // namespace selftest
