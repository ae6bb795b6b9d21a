// Exceptions escaping the body, tear_down or a cleanup: recorded with their phase, type and what().
#include <stdexcept>
#include <string>

#include <testkit/core/lifecycle.hpp>

#include <testkit/testkit.hpp>

#include "scripted_test.hpp"

namespace phase_exception_selftest {

/// An exception type of the code under test, not in the standard library.
class LedgerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Not derived from std::exception.
struct Unbalanced {};

}  // namespace phase_exception_selftest

namespace {

using phase_exception_selftest::LedgerError;
using testkit::Verdict;
using testkit::detail::run_test;
using testkit::selftest::Log;
using testkit::selftest::scripted_test;
using testkit::selftest::ScriptedCase;

TK_TEST(PhaseException, body_exception_names_phase_dynamic_type_and_what) {
  Log log;
  const auto test = scripted_test("body_throws", log, {.body = [](ScriptedCase& self) {
                                    self.cleanup("cleanup");
                                    throw LedgerError("balance is negative");
                                  }});
  const auto result = run_test(test);
  const Log expected{"set_up", "body", "tear_down", "cleanup"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline,
               "uncaught exception in test: phase_exception_selftest::LedgerError: balance is negative");
  TK_EXPECT_EQ(result.failures[0].phase, "test");
  TK_EXPECT_EQ(result.failures[0].where.file, "scripted_scenario.cpp");
}

TK_TEST(PhaseException, body_exception_not_from_std_names_its_type) {
  Log log;
  const auto test = scripted_test("body_throws_struct", log,
                                  {.body = [](ScriptedCase&) { throw phase_exception_selftest::Unbalanced{}; }});
  const auto result = run_test(test);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline,
               "uncaught exception in test: unknown exception of type phase_exception_selftest::Unbalanced");
}

TK_TEST(PhaseException, tear_down_exception_is_recorded_and_cleanups_still_run) {
  Log log;
  const auto test = scripted_test("tear_down_throws", log,
                                  {.set_up = [](ScriptedCase& self) { self.cleanup("cleanup"); },
                                   .tear_down = [](ScriptedCase&) { throw std::logic_error("double close"); }});
  const auto result = run_test(test);
  const Log expected{"set_up", "body", "tear_down", "cleanup"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "uncaught exception in tear_down: std::logic_error: double close");
  TK_EXPECT_EQ(result.failures[0].phase, "tear_down");
}

TK_TEST(PhaseException, a_throwing_cleanup_does_not_stop_the_older_ones) {
  Log log;
  const auto test =
      scripted_test("cleanup_throws", log, {.body = [](ScriptedCase& self) {
                      self.cleanup("older");
                      self.cleanup("throwing", [](ScriptedCase&) { throw std::out_of_range("no slot 3"); });
                    }});
  const auto result = run_test(test);
  const Log expected{"set_up", "body", "tear_down", "throwing", "older"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "uncaught exception in cleanup: std::out_of_range: no slot 3");
  TK_EXPECT_EQ(result.failures[0].phase, "cleanup");
}

TK_TEST(PhaseException, failures_of_every_phase_are_kept_in_order) {
  Log log;
  const auto test = scripted_test("all_fail", log,
                                  {.body =
                                       [](ScriptedCase& self) {
                                         self.cleanup("cleanup", [](ScriptedCase&) { TK_EXPECT_EQ(5, 6); });
                                         TK_EXPECT_EQ(1, 2);
                                         throw std::runtime_error("body");
                                       },
                                   .tear_down = [](ScriptedCase&) { TK_ASSERT_EQ(3, 4); }});
  const auto result = run_test(test);
  const std::vector<std::string> expected_phases{"test", "test", "tear_down", "cleanup"};
  TK_EXPECT_EQ(testkit::selftest::phases(result), expected_phases);
  TK_EXPECT_EQ(result.omitted_failures, 0u);
}

TK_TEST(PhaseException, skip_in_the_body_after_a_failure_leaves_the_test_failed) {
  Log log;
  const auto test = scripted_test("fail_then_skip", log, {.body = [](ScriptedCase&) {
                                    TK_EXPECT_EQ(1, 2);
                                    TK_SKIP("too late");
                                  }});
  const auto result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::failed);
  const Log expected{"set_up", "body", "tear_down"};
  TK_EXPECT_EQ(log, expected);
}

TK_TEST(PhaseException, skip_in_the_body_still_runs_tear_down) {
  Log log;
  const auto test = scripted_test("skip_in_body", log, {.body = [](ScriptedCase& self) {
                                    TK_SKIP("not today");
                                    self.note("after skip");
                                  }});
  const auto result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::skipped);
  TK_EXPECT_EQ(result.reason, "not today");
  const Log expected{"set_up", "body", "tear_down"};
  TK_EXPECT_EQ(log, expected);
}

}  // namespace
