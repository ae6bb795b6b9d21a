#pragma once
/// Running one test, or one class-level hook, on the calling thread.

#include <string>
#include <vector>

#include <testkit/core/result.hpp>

namespace testkit::detail {

/// Runs `test` on this thread: set_up, body, tear_down, cleanups (see TestCase), and gives its result.
/// Does not run class-level hooks; see run_class_hook.
[[nodiscard]] TestResult run_test(const TestInfo& test);

/// What a set_up_class or tear_down_class call recorded.
struct HookOutcome {
  std::vector<Failure> failures{};
  std::string skip_reason{};  ///< non-empty when the hook called TK_SKIP

  [[nodiscard]] bool ok() const { return failures.empty() && skip_reason.empty(); }
};

enum class ClassHook { set_up_class, tear_down_class };

/// Calls the fixture class's hook; failures are placed at `first_test`'s location when they have none.
[[nodiscard]] HookOutcome run_class_hook(const FixtureClass& fixture, ClassHook hook, const TestInfo& first_test);

/// The result of a test that did not run because its class's set_up_class failed or skipped.
[[nodiscard]] TestResult result_of_failed_class_set_up(const TestInfo& test, const HookOutcome& set_up_class);

/// Adds a tear_down_class outcome to the result of the class's last test, updating its verdict.
void add_tear_down_class_outcome(TestResult& last_test, const HookOutcome& tear_down_class);

}  // namespace testkit::detail
