#pragma once
/// When set_up_class and tear_down_class run for the tests of one plan.

#include <map>
#include <optional>
#include <span>

#include <testkit/core/lifecycle.hpp>

namespace testkit {

/// Runs each fixture class's set_up_class before the first of its tests in the plan that is not skipped by
/// metadata, and tear_down_class after the last of its tests in the plan, if set_up_class succeeded.
/// When set_up_class fails or skips, the class's tests do not run and carry its outcome. Used by one
/// thread, in plan order.
class ClassFixtures {
 public:
  explicit ClassFixtures(std::span<const TestInfo* const> plan);

  /// Call before running `test`: the result to report instead when its class's set_up_class failed.
  [[nodiscard]] std::optional<TestResult> before(const TestInfo& test);
  /// Call after `test` ran (or was replaced by before()): adds tear_down_class failures to its result.
  void after(const TestInfo& test, TestResult& result);

 private:
  std::map<const FixtureClass*, const TestInfo*> last_test_;
  std::map<const FixtureClass*, detail::HookOutcome> set_up_;
};

}  // namespace testkit
