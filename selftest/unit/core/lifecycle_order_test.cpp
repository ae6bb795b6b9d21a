// The order of a test's phases and cleanups, as run by testkit::detail::run_test.
#include <testkit/core/lifecycle.hpp>

#include <testkit/testkit.hpp>

#include "scripted_test.hpp"

namespace {

using testkit::Verdict;
using testkit::detail::run_test;
using testkit::selftest::Log;
using testkit::selftest::scripted_test;
using testkit::selftest::ScriptedCase;

TK_TEST(LifecycleOrder, set_up_body_tear_down_then_cleanups_newest_first) {
  Log log;
  const auto test = scripted_test("ordered", log,
                                  {.set_up = [](ScriptedCase& self) { self.cleanup("cleanup 1"); },
                                   .body =
                                       [](ScriptedCase& self) {
                                         self.cleanup("cleanup 2");
                                         self.cleanup("cleanup 3");
                                       }});
  const testkit::TestResult result = run_test(test);
  const Log expected{"set_up", "body", "tear_down", "cleanup 3", "cleanup 2", "cleanup 1"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::passed);
  TK_EXPECT(result.failures.empty());
  TK_EXPECT_EQ(result.test, &test);
}

TK_TEST(LifecycleOrder, a_cleanup_registered_by_a_cleanup_runs_next) {
  Log log;
  const auto test = scripted_test("nested_cleanups", log, {.set_up = [](ScriptedCase& self) {
                                    self.cleanup("older");
                                    self.cleanup("newer", [](ScriptedCase& inner) {
                                      inner.cleanup("registered by newer", [](ScriptedCase& innermost) {
                                        innermost.cleanup("registered by that one");
                                      });
                                    });
                                  }});
  const testkit::TestResult result = run_test(test);
  // Last registered first, like a stack: what a cleanup registers is newer than the cleanups still waiting.
  const Log expected{"set_up", "body", "tear_down", "newer", "registered by newer", "registered by that one", "older"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::passed);
}

TK_TEST(LifecycleOrder, non_fatal_failures_keep_the_test_going) {
  Log log;
  const auto test = scripted_test("keeps_going", log, {.body = [](ScriptedCase& self) {
                                    TK_EXPECT_EQ(1, 2);
                                    self.note("after first expect");
                                    TK_EXPECT(1 > 2);
                                    self.note("after second expect");
                                  }});
  const testkit::TestResult result = run_test(test);
  const Log expected{"set_up", "body", "after first expect", "after second expect", "tear_down"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::failed);
  const std::vector<std::string> expected_headlines{"TK_EXPECT_EQ(1, 2)", "TK_EXPECT(1 > 2)"};
  TK_EXPECT_EQ(testkit::selftest::headlines(result), expected_headlines);
  const std::vector<std::string> expected_phases{"test", "test"};
  TK_EXPECT_EQ(testkit::selftest::phases(result), expected_phases);
}

TK_TEST(LifecycleOrder, fatal_failure_ends_the_body_but_tear_down_and_cleanups_run) {
  Log log;
  const auto test = scripted_test("fatal", log, {.body = [](ScriptedCase& self) {
                                    self.cleanup("cleanup");
                                    TK_ASSERT_EQ(1, 2, "one is not {}", 2);
                                    self.note("after the fatal assertion");
                                  }});
  const testkit::TestResult result = run_test(test);
  const Log expected{"set_up", "body", "tear_down", "cleanup"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  const testkit::Failure& failure = result.failures[0];
  TK_EXPECT_EQ(failure.headline, "TK_ASSERT_EQ(1, 2)");
  TK_EXPECT_EQ(failure.message, "one is not 2");
  TK_EXPECT_EQ(failure.phase, "test");
  TK_EXPECT_CONTAINS(failure.where.file, "lifecycle_order_test.cpp");
}

/// Counts its runs in a member: a reused instance would see 2.
class CountsItsRuns : public testkit::TestCase {
  void test_body() override { TK_EXPECT_EQ(++runs_, 1); }
  int runs_ = 0;
};

TK_TEST(LifecycleOrder, every_run_gets_a_fresh_instance) {
  int made = 0;
  const testkit::TestInfo test{.suite = "Fresh", .name = "instance", .make = [&made] {
                                 ++made;
                                 return std::make_unique<CountsItsRuns>();
                               }};
  TK_EXPECT(run_test(test).verdict == Verdict::passed);
  TK_EXPECT(run_test(test).verdict == Verdict::passed);
  TK_EXPECT_EQ(made, 2);
}

TK_TEST(LifecycleOrder, the_inner_tests_failures_do_not_reach_the_calling_test) {
  Log log;
  const auto failing = scripted_test("failing", log, {.body = [](ScriptedCase&) { TK_FAIL("inner failure"); }});
  testkit::TestResult inner;
  const testkit::Captured outer = testkit::capture_failures([&] { inner = run_test(failing); });
  TK_EXPECT(outer.failures.empty());
  TK_EXPECT_FALSE(outer.aborted);
  TK_EXPECT(inner.verdict == Verdict::failed);
  TK_EXPECT_EQ(inner.failures.size(), 1u);
}

}  // namespace
