// Class-level hooks as run_inline runs them: set_up_class before a class's first test, tear_down_class after
// its last, and what their failures and skips do to the class's tests.
#include <stdexcept>
#include <string>
#include <vector>

#include "support/run_inline.hpp"

#include <testkit/testkit.hpp>

#include "scripted_test.hpp"

namespace {

using testkit::Verdict;
using testkit::selftest::Log;
using testkit::selftest::scripted_test;

/// What a class hook does after logging itself.
enum class HookAction { pass, expect_fails, fatal_fails, throws, skips };

// Class hooks are plain function pointers, so the scenarios talk to them through globals; each test resets them.
Log hook_log;
HookAction set_up_class_action = HookAction::pass;
HookAction tear_down_class_action = HookAction::pass;

void act(HookAction action) {
  switch (action) {
    case HookAction::pass: break;
    case HookAction::expect_fails: TK_EXPECT_EQ(1, 2); break;
    case HookAction::fatal_fails: TK_FAIL("database is down"); break;
    case HookAction::throws: throw std::runtime_error("no socket");
    case HookAction::skips: TK_SKIP("no database here");
  }
}

/// The hooks of fixture class N (two classes are enough to see them take turns).
template <int N> void set_up_class() {
  hook_log.push_back(fmt::format("set_up_class {}", N));
  act(set_up_class_action);
}
template <int N> void tear_down_class() {
  hook_log.push_back(fmt::format("tear_down_class {}", N));
  act(tear_down_class_action);
}

const testkit::FixtureClass class_1{"Class1", &set_up_class<1>, &tear_down_class<1>};
const testkit::FixtureClass class_2{"Class2", &set_up_class<2>, &tear_down_class<2>};

/// Logs the start of every test into the hook log, so that hooks and tests can be ordered.
class StartLogger final : public testkit::Listener {
 public:
  void on(const testkit::TestStarted& event) override { hook_log.push_back("start " + event.test.name); }
};

/// A scripted test of fixture class `fixture` that logs into hook_log.
testkit::TestInfo member(std::string name, const testkit::FixtureClass& fixture, std::string skip = {}) {
  testkit::TestInfo test = scripted_test(std::move(name), hook_log);
  test.suite = fixture.name;
  test.fixture = &fixture;
  test.meta.skip = std::move(skip);
  return test;
}

/// Runs `plan` inline, after resetting the hooks to `set_up` and `tear_down`.
testkit::RunResult run_scenario(const std::vector<const testkit::TestInfo*>& plan, HookAction set_up = HookAction::pass,
                                HookAction tear_down = HookAction::pass) {
  hook_log.clear();
  set_up_class_action = set_up;
  tear_down_class_action = tear_down;
  StartLogger logger;
  return testkit::run_inline(plan, logger);
}

TK_TEST(ClassFixture, hooks_run_once_around_the_tests_of_each_class) {
  const auto a = member("a", class_1), b = member("b", class_1), c = member("c", class_2);
  const auto run = run_scenario({&a, &b, &c});
  const Log expected{"start a",        "set_up_class 1", "set_up", "body",      "tear_down",  //
                     "start b",        "set_up",         "body",   "tear_down", "tear_down_class 1", "start c",
                     "set_up_class 2", "set_up",         "body",   "tear_down", "tear_down_class 2"};
  TK_EXPECT_EQ(hook_log, expected);
  TK_EXPECT_EQ(run.tally().passed, 3u);
}

TK_TEST(ClassFixture, failing_set_up_class_fails_every_test_of_the_class_without_running_it) {
  for (const HookAction action : {HookAction::expect_fails, HookAction::fatal_fails}) {
    const auto a = member("a", class_1), b = member("b", class_1), c = member("c", class_2);
    const auto run = run_scenario({&a, &b, &c}, action);
    const Log expected{"start a", "set_up_class 1", "start b", "start c", "set_up_class 2"};
    TK_EXPECT_EQ(hook_log, expected);
    TK_ASSERT_EQ(run.results.size(), 3u);
    for (std::size_t i = 0; i < 2; ++i) {
      TK_EXPECT(run.results[i].verdict == Verdict::failed, "test {}", i);
      TK_ASSERT_EQ(run.results[i].failures.size(), 1u);
      TK_EXPECT_EQ(run.results[i].failures[0].phase, "set_up_class");
      TK_EXPECT_EQ(run.results[i].test, i == 0 ? &a : &b);
    }
    // Class 2's own set_up_class fails the same way: the scenario's hooks are shared.
    TK_EXPECT(run.results[2].verdict == Verdict::failed);
  }
}

TK_TEST(ClassFixture, set_up_class_exception_is_placed_at_the_first_test) {
  const auto a = member("a", class_1), b = member("b", class_1);
  const auto run = run_scenario({&a, &b}, HookAction::throws);
  TK_ASSERT_EQ(run.results.size(), 2u);
  for (const testkit::TestResult& result : run.results) {
    TK_ASSERT_EQ(result.failures.size(), 1u);
    TK_EXPECT_EQ(result.failures[0].headline, "uncaught exception in set_up_class: std::runtime_error: no socket");
    TK_EXPECT_EQ(result.failures[0].where.file, a.where.file);
    TK_EXPECT_EQ(result.failures[0].where.line, a.where.line);
  }
}

TK_TEST(ClassFixture, skipping_set_up_class_skips_every_test_of_the_class) {
  const auto a = member("a", class_1), b = member("b", class_1);
  const auto run = run_scenario({&a, &b}, HookAction::skips);
  const Log expected{"start a", "set_up_class 1", "start b"};
  TK_EXPECT_EQ(hook_log, expected);
  for (const testkit::TestResult& result : run.results) {
    TK_EXPECT(result.verdict == Verdict::skipped);
    TK_EXPECT_EQ(result.reason, "no database here");
    TK_EXPECT(result.failures.empty());
  }
}

TK_TEST(ClassFixture, tear_down_class_failure_lands_on_the_last_test_of_the_class) {
  const auto a = member("a", class_1), b = member("b", class_1);
  const auto run = run_scenario({&a, &b}, HookAction::pass, HookAction::fatal_fails);
  TK_ASSERT_EQ(run.results.size(), 2u);
  TK_EXPECT(run.results[0].verdict == Verdict::passed);
  TK_EXPECT(run.results[1].verdict == Verdict::failed);
  TK_ASSERT_EQ(run.results[1].failures.size(), 1u);
  TK_EXPECT_EQ(run.results[1].failures[0].phase, "tear_down_class");
  TK_EXPECT_EQ(run.results[1].failures[0].message, "database is down");
}

TK_TEST(ClassFixture, tear_down_class_failure_is_not_excused_by_an_xfail_mark) {
  auto a = member("a", class_1);
  a.meta.xfail = "known bug";
  const auto run = run_scenario({&a}, HookAction::pass, HookAction::throws);
  TK_ASSERT_EQ(run.results.size(), 1u);
  // The test passed although marked xfail (a failure) and its class then failed: still a failure.
  TK_EXPECT(run.results[0].verdict == Verdict::failed);
  TK_EXPECT_EQ(run.tally().failed, 1u);
}

TK_TEST(ClassFixture, set_up_class_failure_is_not_excused_by_an_xfail_mark) {
  auto a = member("a", class_1);
  a.meta.xfail = "known bug";
  const auto run = run_scenario({&a}, HookAction::fatal_fails);
  TK_ASSERT_EQ(run.results.size(), 1u);
  // The test never ran, so it cannot have failed as expected: its class failed.
  TK_EXPECT(run.results[0].verdict == Verdict::failed);
  TK_EXPECT_EQ(run.results[0].reason, "");
}

TK_TEST(ClassFixture, metadata_skipped_tests_do_not_trigger_set_up_class) {
  const auto skipped = member("skipped", class_1, "not today"), runs = member("runs", class_1);
  const auto run = run_scenario({&skipped, &runs});
  const Log expected{"start skipped", "start runs", "set_up_class 1",   "set_up",
                     "body",          "tear_down",  "tear_down_class 1"};
  TK_EXPECT_EQ(hook_log, expected);
  TK_EXPECT(run.results[0].verdict == Verdict::skipped);
  TK_EXPECT_EQ(run.results[0].reason, "not today");
}

TK_TEST(ClassFixture, a_class_whose_tests_are_all_skipped_runs_no_hook) {
  const auto a = member("a", class_1, "off"), b = member("b", class_1, "off");
  const auto run = run_scenario({&a, &b});
  const Log expected{"start a", "start b"};
  TK_EXPECT_EQ(hook_log, expected);
  TK_EXPECT_EQ(run.tally().skipped, 2u);
}

TK_TEST(ClassFixture, a_fixture_class_without_hooks_runs_its_tests) {
  const testkit::FixtureClass hookless{.name = "Hookless"};
  const auto a = member("a", hookless);
  const auto run = run_scenario({&a});
  TK_ASSERT_EQ(run.results.size(), 1u);
  TK_EXPECT(run.results[0].verdict == Verdict::passed);
  TK_EXPECT(run.results[0].failures.empty());
}

}  // namespace
