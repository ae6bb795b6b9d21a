#include <testkit/core/lifecycle.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <utility>
#include <vector>

#include <testkit/core/guard.hpp>
#include <testkit/core/registry.hpp>
#include <testkit/core/sanitizer_runtime.hpp>
#include <testkit/core/test_case.hpp>
#include <testkit/core/test_scope.hpp>
#include <testkit/core/tmp_path.hpp>

namespace testkit::detail {
namespace {

Verdict decide_verdict(const TestInfo& test, bool failed, bool skipped) {
  const bool expected_to_fail = !test.meta.xfail.empty();
  if (failed) return expected_to_fail ? Verdict::expected_failure : Verdict::failed;
  if (skipped) return Verdict::skipped;
  return expected_to_fail ? Verdict::unexpected_pass : Verdict::passed;
}

void settle(TestResult& result, std::string skip_reason) {
  const TestInfo& test = *result.test;
  result.verdict = decide_verdict(test, !result.failures.empty(), !skip_reason.empty());
  if (result.verdict == Verdict::skipped) result.reason = std::move(skip_reason);
  if (result.verdict == Verdict::expected_failure || result.verdict == Verdict::unexpected_pass)
    result.reason = test.meta.xfail;
}

void run_cleanups(Context& context, TestCase& instance, const Location& where, std::string& skip_reason) {
  // A stack, as in unittest: what a cleanup registers is the newest, so it runs before the older ones left.
  for (auto cleanups = TestCaseAccess::take_cleanups(instance); !cleanups.empty();) {
    const std::function<void()> cleanup = std::move(cleanups.back());
    cleanups.pop_back();
    run_guarded(context, "cleanup", where, cleanup, skip_reason);
    for (auto& added : TestCaseAccess::take_cleanups(instance)) cleanups.push_back(std::move(added));
  }
}

// A failed class (or module) hook is the class's failure, not the test's: an xfail mark does not excuse it (nor turn an
// unexpected pass into a pass).
void fail_for_fixture_hook(TestResult& result) {
  result.verdict = Verdict::failed;
  result.reason.clear();
}

}  // namespace

TestResult run_test(const TestInfo& test) {
  TestResult result{.test = &test};
  if (!test.meta.skip.empty()) {
    result.verdict = Verdict::skipped;
    result.reason = test.meta.skip;
    return result;
  }
  const auto start = std::chrono::steady_clock::now();
  // Only the outermost test of a process streams its failures; a test run from inside another one (as
  // testkit's selftests do) is a part of that test.
  Context context(&test, /*streams=*/current_context() == nullptr);
  std::string skip_reason;
  {
    const ContextScope scope(context);
    // The test's own patches, GoogleMock reporting, and the link to threads it starts.
    const TestScope test_scope(context);
    std::unique_ptr<TestCase> instance;
    const auto set_up = [&] {
      instance = test.make();
      instance->set_up();
    };
    if (run_guarded(context, "set_up", test.where, set_up, skip_reason) == PhaseEnd::completed) {
      run_guarded(
          context, "test", test.where, [&] { TestCaseAccess::run_body(*instance); }, skip_reason);
      run_guarded(
          context, "tear_down", test.where, [&] { instance->tear_down(); }, skip_reason);
    }
    if (instance) run_cleanups(context, *instance, test.where, skip_reason);
    finish_tmp_path(result);  // after the cleanups, which may still use it
  }
  result.failures = context.take_failures(result.omitted_failures);
  result.assertions = context.assertions();
  result.duration = std::chrono::steady_clock::now() - start;
  settle(result, std::move(skip_reason));
  return result;
}

HookOutcome run_class_hook(const FixtureClass& fixture, ClassHook hook, const TestInfo& first_test) {
  const bool set_up = hook == ClassHook::set_up_class;
  void (*const hook_function)() = set_up ? fixture.set_up_class : fixture.tear_down_class;
  HookOutcome outcome;
  if (hook_function == nullptr) return outcome;  // a hand-made FixtureClass may leave a hook out
  const LeaksIgnored class_fixture_allocations;  // not the leaks of a test
  Context context(&first_test, /*streams=*/current_context() == nullptr);
  const ContextScope scope(context);
  run_guarded(context, set_up ? "set_up_class" : "tear_down_class", first_test.where, hook_function,
              outcome.skip_reason);
  std::size_t omitted = 0;
  outcome.failures = context.take_failures(omitted);
  return outcome;
}

bool has_module_hooks(ModuleHookKind kind) {
  return std::ranges::any_of(Registry::instance().module_hooks(),
                             [kind](const ModuleHook& hook) { return hook.kind == kind; });
}

HookOutcome run_module_hooks(ModuleHookKind kind, const TestInfo& test) {
  const bool set_up = kind == ModuleHookKind::set_up_module;
  std::vector<const ModuleHook*> hooks;
  for (const ModuleHook& hook : Registry::instance().module_hooks())
    if (hook.kind == kind) hooks.push_back(&hook);
  if (!set_up) std::ranges::reverse(hooks);
  HookOutcome outcome;
  const LeaksIgnored module_fixture_allocations;  // not the leaks of a test
  Context context(&test, /*streams=*/current_context() == nullptr);
  const ContextScope scope(context);
  for (const ModuleHook* hook : hooks) {
    run_guarded(context, set_up ? "set_up_module" : "tear_down_module", hook->where, hook->function,
                outcome.skip_reason);
    if (set_up && (context.has_failures() || !outcome.skip_reason.empty())) break;
  }
  std::size_t omitted = 0;
  outcome.failures = context.take_failures(omitted);
  return outcome;
}

TestResult result_of_failed_set_up(const TestInfo& test, const HookOutcome& set_up) {
  TestResult result{.test = &test, .failures = set_up.failures};
  settle(result, set_up.skip_reason);
  if (!result.failures.empty()) fail_for_fixture_hook(result);
  return result;
}

void add_tear_down_outcome(TestResult& last_test, const HookOutcome& tear_down) {
  if (tear_down.failures.empty()) return;
  last_test.failures.insert(last_test.failures.end(), tear_down.failures.begin(), tear_down.failures.end());
  fail_for_fixture_hook(last_test);
}

}  // namespace testkit::detail
