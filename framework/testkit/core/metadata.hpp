#pragma once
/// Per-test settings given in the test macros.

#include <chrono>
#include <string>
#include <vector>

namespace testkit {

/// Settings of one test, written as designated initializers after the test's name, in this field order.
/// Example: TK_TEST(Grades, mean, .tags = {"stats"}, .timeout = 2s, .points = 5) { ... }
struct Metadata {
  std::vector<std::string> tags{};         ///< labels selected with --tag / --exclude-tag
  std::string skip{};                      ///< non-empty: not run, reported skipped with this reason
  std::string xfail{};                     ///< non-empty: expected to fail, for this reason
  std::chrono::milliseconds timeout{0};  ///< 0 means the runner's default
  double points = 0;                     ///< weight of the test in graded reports
};

}  // namespace testkit
