#pragma once
/// Running code whose assertions must not count against the current test: for testing assertion helpers
/// (and testkit itself).

#include <functional>
#include <string>
#include <vector>

#include <testkit/core/failure.hpp>

namespace testkit {

/// What the code given to capture_failures recorded.
struct Captured {
  std::vector<Failure> failures{};
  bool aborted = false;       ///< a fatal assertion or an escaping exception ended it early
  std::string skip_reason{};  ///< non-empty when it called TK_SKIP
};

/// Runs `code` on this thread with a test context of its own and returns what it recorded; the calling
/// test (if any) sees none of it.
/// Example: auto c = testkit::capture_failures([] { TK_EXPECT_EQ(1, 2); }); TK_ASSERT_EQ(c.failures.size(), 1u);
[[nodiscard]] Captured capture_failures(const std::function<void()>& code);

}  // namespace testkit
