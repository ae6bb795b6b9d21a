// Subtests: labelled failures that end only the subtest; a skip inside ends the whole test.
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

/// The subtest labels of a result's failures, in order.
std::vector<std::string> labels(const testkit::TestResult& result) {
  std::vector<std::string> out;
  for (const testkit::Failure& failure : result.failures) out.push_back(failure.subtest);
  return out;
}

TK_TEST(Subtest, failing_subtest_is_labelled_and_later_ones_still_run) {
  Log log;
  const auto test = scripted_test("labelled", log, {.body = [](ScriptedCase& self) {
                                    testkit::subtest("first", [&] {
                                      TK_ASSERT_EQ(1, 2);
                                      self.note("rest of first");
                                    });
                                    testkit::subtest("second", [&] { self.note("second ran"); });
                                    TK_EXPECT_EQ(3, 4);
                                  }});
  const auto result = run_test(test);
  const Log expected{"set_up", "body", "second ran", "tear_down"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::failed);
  // The failure after the subtests is the test's own again: no label.
  const std::vector<std::string> expected_labels{"first", ""};
  TK_EXPECT_EQ(labels(result), expected_labels);
}

TK_TEST(Subtest, passing_subtests_leave_the_test_passed) {
  Log log;
  const auto test = scripted_test("all_pass", log, {.body = [](ScriptedCase& self) {
                                    for (int n : {1, 2, 3}) TK_SUBTEST("n={}", n) {
                                        self.note(fmt::format("{}", n));
                                      };
                                  }});
  const auto result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::passed);
  const Log expected{"set_up", "body", "1", "2", "3", "tear_down"};
  TK_EXPECT_EQ(log, expected);
}

TK_TEST(Subtest, macro_formats_the_label_and_each_failing_value_gets_its_own) {
  Log log;
  const auto test = scripted_test("formatted", log, {.body = [](ScriptedCase&) {
                                    for (int n : {2, 3, 4, 5}) TK_SUBTEST("n={}", n) {
                                        TK_ASSERT(n % 2 == 0);
                                      };
                                  }});
  const auto result = run_test(test);
  const std::vector<std::string> expected_labels{"n=3", "n=5"};
  TK_EXPECT_EQ(labels(result), expected_labels);
}

TK_TEST(Subtest, nested_labels_are_joined_with_a_slash) {
  Log log;
  const auto test = scripted_test("nested", log, {.body = [](ScriptedCase&) {
                                    TK_SUBTEST("outer {}", 1) {
                                      TK_SUBTEST("inner") { TK_EXPECT_EQ(1, 2); };
                                      TK_EXPECT_EQ(3, 4);
                                    };
                                  }});
  const auto result = run_test(test);
  const std::vector<std::string> expected_labels{"outer 1 / inner", "outer 1"};
  TK_EXPECT_EQ(labels(result), expected_labels);
}

TK_TEST(Subtest, exception_inside_is_recorded_with_the_label_and_the_test_goes_on) {
  Log log;
  const auto test = scripted_test("throws", log, {.body = [](ScriptedCase& self) {
                                    testkit::subtest("parsing", [] { throw std::runtime_error("bad token"); });
                                    self.note("after the subtest");
                                  }});
  const auto result = run_test(test);
  const Log expected{"set_up", "body", "after the subtest", "tear_down"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  const testkit::Failure& failure = result.failures[0];
  TK_EXPECT_EQ(failure.subtest, "parsing");
  TK_EXPECT_EQ(failure.phase, "test");
  TK_EXPECT_EQ(failure.headline, "uncaught exception in subtest: std::runtime_error: bad token");
  TK_EXPECT_CONTAINS(failure.where.file, "subtest_test.cpp");
}

TK_TEST(Subtest, skip_inside_skips_the_whole_test) {
  Log log;
  const auto test = scripted_test("skips", log, {.body = [](ScriptedCase& self) {
                                    testkit::subtest("needs a GPU", [] { TK_SKIP("no GPU"); });
                                    self.note("after the subtest");
                                  }});
  const auto result = run_test(test);
  const Log expected{"set_up", "body", "tear_down"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::skipped);
  TK_EXPECT_EQ(result.reason, "no GPU");
}

TK_TEST(Subtest, label_is_restored_after_a_skip_escapes_it) {
  Log log;
  const auto test =
      scripted_test("skip_then_tear_down", log,
                    {.body = [](ScriptedCase&) { testkit::subtest("skipping", [] { TK_SKIP("later"); }); },
                     .tear_down = [](ScriptedCase&) { TK_EXPECT_EQ(1, 2); }});
  const auto result = run_test(test);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].phase, "tear_down");
  TK_EXPECT_EQ(result.failures[0].subtest, "");
}

}  // namespace
