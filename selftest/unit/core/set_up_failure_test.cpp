// A set_up that does not complete: the body and tear_down are left out, the cleanups still run.
#include <stdexcept>

#include <testkit/core/lifecycle.hpp>

#include <testkit/testkit.hpp>

#include "scripted_test.hpp"

namespace {

using testkit::Verdict;
using testkit::detail::run_test;
using testkit::selftest::Log;
using testkit::selftest::scripted_test;
using testkit::selftest::ScriptedCase;
using testkit::selftest::Step;

/// Runs a test whose set_up registers a cleanup and then does `failing_step`.
testkit::TestResult run_with_set_up(Log& log, const Step& failing_step) {
  const auto test = scripted_test("set_up_fails", log, {.set_up = [failing_step](ScriptedCase& self) {
                                    self.cleanup("cleanup");
                                    failing_step(self);
                                    self.note("rest of set_up");
                                  }});
  return run_test(test);
}

const Log only_set_up_and_cleanup{"set_up", "cleanup"};

TK_TEST(SetUpFailure, fatal_assertion_skips_body_and_tear_down) {
  Log log;
  const auto result = run_with_set_up(log, [](ScriptedCase&) { TK_ASSERT(2 + 2 == 5); });
  TK_EXPECT_EQ(log, only_set_up_and_cleanup);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "TK_ASSERT(2 + 2 == 5)");
  TK_EXPECT_EQ(result.failures[0].phase, "set_up");
}

TK_TEST(SetUpFailure, std_exception_is_reported_with_its_type_and_what) {
  Log log;
  const auto result = run_with_set_up(log, [](ScriptedCase&) { throw std::invalid_argument("bad config"); });
  TK_EXPECT_EQ(log, only_set_up_and_cleanup);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "uncaught exception in set_up: std::invalid_argument: bad config");
  TK_EXPECT_EQ(result.failures[0].phase, "set_up");
  TK_EXPECT_EQ(result.failures[0].where.file, "scripted_scenario.cpp");
  TK_EXPECT_EQ(result.failures[0].where.line, 42u);
}

TK_TEST(SetUpFailure, non_std_exception_is_reported_with_its_type) {
  Log log;
  const auto result = run_with_set_up(log, [](ScriptedCase&) { throw 42; });
  TK_EXPECT_EQ(log, only_set_up_and_cleanup);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "uncaught exception in set_up: unknown exception of type int");
}

TK_TEST(SetUpFailure, skip_marks_the_test_skipped_with_its_reason) {
  Log log;
  const auto result = run_with_set_up(log, [](ScriptedCase&) { TK_SKIP("no {} here", "GPU"); });
  TK_EXPECT_EQ(log, only_set_up_and_cleanup);
  TK_EXPECT(result.verdict == Verdict::skipped);
  TK_EXPECT_EQ(result.reason, "no GPU here");
  TK_EXPECT(result.failures.empty());
}

TK_TEST(SetUpFailure, skip_without_reason_still_gives_one) {
  Log log;
  const auto result = run_with_set_up(log, [](ScriptedCase&) { TK_SKIP(); });
  TK_EXPECT(result.verdict == Verdict::skipped);
  TK_EXPECT_EQ(result.reason, "skipped");
}

TK_TEST(SetUpFailure, cleanup_failure_after_a_failed_set_up_is_recorded_too) {
  Log log;
  const auto test = scripted_test("both_fail", log, {.set_up = [](ScriptedCase& self) {
                                    self.cleanup("cleanup", [](ScriptedCase&) { TK_EXPECT_EQ(3, 4); });
                                    TK_FAIL("set_up gave up");
                                  }});
  const auto result = run_test(test);
  TK_EXPECT_EQ(log, only_set_up_and_cleanup);
  const std::vector<std::string> expected_phases{"set_up", "cleanup"};
  TK_EXPECT_EQ(testkit::selftest::phases(result), expected_phases);
}

/// A fixture whose constructor throws: the test's instance never exists.
class ThrowsOnConstruction : public testkit::TestCase {
 public:
  ThrowsOnConstruction() { throw std::runtime_error("cannot connect"); }

 private:
  void test_body() override {}
};

TK_TEST(SetUpFailure, a_throwing_fixture_constructor_fails_the_test_in_set_up) {
  const testkit::TestInfo test{
      .suite = "Ctor", .name = "throws", .make = [] { return std::make_unique<ThrowsOnConstruction>(); }};
  const auto result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "uncaught exception in set_up: std::runtime_error: cannot connect");
}

}  // namespace
