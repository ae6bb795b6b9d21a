// How metadata and recorded failures decide a test's verdict: skip, xfail, the failure cap.
#include <thread>

#include <testkit/core/context.hpp>
#include <testkit/core/lifecycle.hpp>

#include <testkit/testkit.hpp>

#include "scripted_test.hpp"
#include "support/sanitizers.hpp"

namespace {

using testkit::Verdict;
using testkit::detail::run_test;
using testkit::selftest::Log;
using testkit::selftest::scripted_test;
using testkit::selftest::ScriptedCase;

TK_TEST(Verdicts, metadata_skip_does_not_run_the_test) {
  Log log;
  auto test = scripted_test("skipped", log, {.body = [](ScriptedCase&) { TK_FAIL("must not run"); }});
  test.meta.skip = "flaky on CI";
  const auto result = run_test(test);
  TK_EXPECT(log.empty());
  TK_EXPECT(result.verdict == Verdict::skipped);
  TK_EXPECT_EQ(result.reason, "flaky on CI");
  TK_EXPECT(result.failures.empty());
}

TK_TEST(Verdicts, xfail_that_fails_is_an_expected_failure) {
  Log log;
  auto test = scripted_test("xfail_fails", log, {.body = [](ScriptedCase&) { TK_EXPECT_EQ(0.1 + 0.2, 0.3); }});
  test.meta.xfail = "floating point";
  const auto result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::expected_failure);
  TK_EXPECT_EQ(result.reason, "floating point");
  TK_EXPECT_EQ(result.failures.size(), 1u);
  TK_EXPECT_FALSE(testkit::is_failure(result.verdict));
}

TK_TEST(Verdicts, xfail_that_passes_is_an_unexpected_pass) {
  Log log;
  auto test = scripted_test("xfail_passes", log);
  test.meta.xfail = "bug 12";
  const auto result = run_test(test);
  const Log expected{"set_up", "body", "tear_down"};
  TK_EXPECT_EQ(log, expected);
  TK_EXPECT(result.verdict == Verdict::unexpected_pass);
  TK_EXPECT_EQ(result.reason, "bug 12");
  TK_EXPECT(testkit::is_failure(result.verdict));
}

TK_TEST(Verdicts, xfail_that_skips_is_skipped) {
  Log log;
  auto test = scripted_test("xfail_skips", log, {.body = [](ScriptedCase&) { TK_SKIP("no network"); }});
  test.meta.xfail = "bug 13";
  const auto result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::skipped);
  TK_EXPECT_EQ(result.reason, "no network");
}

TK_TEST(Verdicts, a_passing_test_has_no_reason) {
  Log log;
  const auto result = run_test(scripted_test("passes", log));
  TK_EXPECT(result.verdict == Verdict::passed);
  TK_EXPECT_EQ(result.reason, "");
  TK_EXPECT_EQ(result.omitted_failures, 0u);
}

TK_TEST(Verdicts, failures_past_the_cap_are_counted_not_kept) {
  constexpr std::size_t extra = 7;
  Log log;
  const auto test =
      scripted_test("many_failures", log, {.body = [](ScriptedCase&) {
                      for (std::size_t i = 0; i < testkit::detail::Context::max_kept_failures + extra; ++i)
                        TK_EXPECT_EQ(i, i + 1, "failure {}", i);
                    }});
  const auto result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), testkit::detail::Context::max_kept_failures);
  TK_EXPECT_EQ(result.omitted_failures, extra);
  TK_EXPECT_EQ(result.failures.front().message, "failure 0");
  TK_EXPECT_EQ(result.failures.back().message, "failure 99");
}

/// Fails `count` times from a frame of its own: a lambda body would be inlined into std::function's
/// invoker, a library frame that traces leave out.
[[gnu::noinline]] void fail_times(std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) TK_EXPECT_EQ(i, i + 1);
}

TK_TEST(Verdicts, only_the_first_failures_get_a_stack_trace) {
  constexpr std::size_t traced = testkit::detail::Context::max_traced_failures;
  Log log;
  const auto test = scripted_test("traces", log, {.body = [](ScriptedCase&) { fail_times(traced + 2); }});
  const auto result = run_test(test);
  TK_ASSERT_EQ(result.failures.size(), traced + 2);
  TK_EXPECT_CONTAINS(result.failures[0].stacktrace, "fail_times");
  TK_EXPECT_CONTAINS(result.failures[traced - 1].stacktrace, "fail_times");
  TK_EXPECT_EQ(result.failures[traced].stacktrace, "");
  TK_EXPECT_EQ(result.failures[traced + 1].stacktrace, "");
}

TK_TEST(Verdicts, every_executed_assertion_counts_passed_or_failed_in_every_phase) {
  Log log;
  const auto test = scripted_test("counted", log,
                                  {.set_up = [](ScriptedCase&) { TK_EXPECT(true); },
                                   .body =
                                       [](ScriptedCase&) {
                                         TK_EXPECT_EQ(1, 1);
                                         TK_EXPECT_EQ(1, 2);  // failed: counts too
                                         TK_EXPECT_THROWS(throw 1, int);
                                       },
                                   .tear_down = [](ScriptedCase&) { TK_EXPECT_NE(1, 2); }});
  const auto result = run_test(test);
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_EXPECT_EQ(result.assertions, 5u);
}

// The test's own thread counts without a locked instruction, its other threads with one: at the same time, neither
// loses the other's.
TK_TEST(Verdicts, assertions_of_the_tests_threads_count_with_its_own) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  Log log;
  constexpr int each = 20'000;
  const auto test = scripted_test("threaded", log, {.body = [](ScriptedCase&) {
                                    std::thread other([] {
                                      for (int i = 0; i < each; ++i) TK_EXPECT_EQ(i, i);
                                    });
                                    for (int i = 0; i < each; ++i) TK_EXPECT_EQ(i, i);
                                    other.join();
                                  }});
  TK_EXPECT_EQ(run_test(test).assertions, 2u * each);
}

TK_TEST(Verdicts, assertions_a_fatal_failure_skips_do_not_count) {
  Log log;
  const auto test = scripted_test("stopped", log, {.body = [](ScriptedCase&) {
                                    TK_ASSERT_EQ(1, 2);
                                    TK_EXPECT(true);  // never reached
                                  }});
  TK_EXPECT_EQ(run_test(test).assertions, 1u);
  const auto empty = scripted_test("empty", log);
  TK_EXPECT_EQ(run_test(empty).assertions, 0u);
}

TK_TEST(Verdicts, verdict_names_are_the_report_spellings) {
  TK_EXPECT_EQ(testkit::to_string(Verdict::passed), "passed");
  TK_EXPECT_EQ(testkit::to_string(Verdict::failed), "failed");
  TK_EXPECT_EQ(testkit::to_string(Verdict::skipped), "skipped");
  TK_EXPECT_EQ(testkit::to_string(Verdict::expected_failure), "expected_failure");
  TK_EXPECT_EQ(testkit::to_string(Verdict::unexpected_pass), "unexpected_pass");
}

}  // namespace
