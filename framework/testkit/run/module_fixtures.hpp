#pragma once
/// When TK_SET_UP_MODULE and TK_TEAR_DOWN_MODULE run for the tests of one plan, in one process.

#include <optional>
#include <span>

#include <testkit/core/lifecycle.hpp>

namespace testkit {

/// The module hooks of a plan run in this process: the set-ups once before the first test, if the plan has a test
/// that metadata does not skip; the tear-downs once after the last, if the set-ups succeeded. (Forked runs set up in
/// a module host instead; see module_host.hpp.)
class ModuleFixtures {
 public:
  explicit ModuleFixtures(std::span<const TestInfo* const> plan);

  /// The plan's first test that metadata does not skip, when module hooks are registered (a set-up or a tear-down):
  /// the test their failures belong to. Null: the plan has nothing for module hooks to do.
  [[nodiscard]] const TestInfo* first_test() const { return first_; }

  /// Runs the set-ups, the first time it is called.
  void set_up();
  /// After set_up: the result to report instead of running `test` when a set-up failed or skipped.
  [[nodiscard]] std::optional<TestResult> replacement(const TestInfo& test) const;
  /// After set_up: what the set-ups recorded.
  [[nodiscard]] const detail::HookOutcome& set_up_outcome() const { return set_up_; }
  /// After set_up: whether tear_down will run hooks (the run's last result should then wait for it).
  [[nodiscard]] bool tears_down() const { return tears_down_; }
  /// Runs the tear-downs, once, adding their failures to `last_result`, the run's last test's.
  void tear_down(TestResult& last_result);

 private:
  const TestInfo* first_ = nullptr;  // see first_test()
  bool set_up_done_ = false;
  bool tears_down_ = false;
  detail::HookOutcome set_up_{};
};

}  // namespace testkit
