#pragma once
/// The program's tests, in registration order.

#include <deque>

#include <testkit/core/test_info.hpp>

namespace testkit {

/// Filled by the test macros during static initialization, read-only once main() runs.
/// Not thread-safe for writing; references to tests stay valid for the whole program.
class Registry {
 public:
  /// The program-wide registry.
  static Registry& instance();

  /// Adds a test at the end and returns the stored copy.
  const TestInfo& add(TestInfo test);

  [[nodiscard]] const std::deque<TestInfo>& tests() const { return tests_; }

 private:
  std::deque<TestInfo> tests_;
};

}  // namespace testkit
