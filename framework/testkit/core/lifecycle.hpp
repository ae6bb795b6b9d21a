#pragma once
/// Running one test, or one class-level or module-level hook, on the calling thread.

#include <string>
#include <vector>

#include <testkit/core/module_hook.hpp>
#include <testkit/core/result.hpp>

namespace testkit::detail {

/// Runs `test` on this thread: set_up, body, tear_down, cleanups (see TestCase), and gives its result.
/// Does not run class-level hooks; see run_class_hook.
[[nodiscard]] TestResult run_test(const TestInfo& test);

/// What a set_up_class or tear_down_class call recorded (or the module hooks of one kind, together).
struct HookOutcome {
  std::vector<Failure> failures{};
  std::string skip_reason{};  ///< non-empty when the hook called TK_SKIP

  [[nodiscard]] bool ok() const { return failures.empty() && skip_reason.empty(); }
};

enum class ClassHook { set_up_class, tear_down_class };

/// Calls the fixture class's hook; failures are placed at `first_test`'s location when they have none.
[[nodiscard]] HookOutcome run_class_hook(const FixtureClass& fixture, ClassHook hook, const TestInfo& first_test);

/// Whether any TK_SET_UP_MODULE or TK_TEAR_DOWN_MODULE (of `kind`) is registered.
[[nodiscard]] bool has_module_hooks(ModuleHookKind kind);

/// Runs the TK_SET_UP_MODULE functions in registration order until one fails or skips (TK_TEAR_DOWN_MODULE's: the
/// last registered first, every one). Failures belong to `test`, the run's first test (last, for a tear-down).
[[nodiscard]] HookOutcome run_module_hooks(ModuleHookKind kind, const TestInfo& test);

/// The result of a test that did not run because its class's set_up_class, or a set_up_module, failed or skipped.
[[nodiscard]] TestResult result_of_failed_set_up(const TestInfo& test, const HookOutcome& set_up);

/// Adds a tear_down_class (or tear_down_module) outcome to the result of the class's (the run's) last test, updating
/// its verdict.
void add_tear_down_outcome(TestResult& last_test, const HookOutcome& tear_down);

}  // namespace testkit::detail
