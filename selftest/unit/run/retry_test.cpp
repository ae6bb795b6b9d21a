// runs_again and after_retry (run/retry.hpp), which every executor follows for --retries, retries_of and the tally: a
// test runs again only after a failing attempt and while retries are left, and passes only by an attempt that passed.
#include <testkit/run/retry.hpp>

#include <string>

#include <testkit/run/execution.hpp>

#include <testkit/testkit.hpp>

namespace {

using testkit::TestInfo;
using testkit::TestResult;
using testkit::Verdict;
using testkit::detail::after_retry;
using testkit::detail::runs_again;

const TestInfo test{.suite = "Net", .name = "reconnects"};

TestResult attempt(Verdict verdict, std::string headline = {}) {
  TestResult result{.test = &test, .verdict = verdict};
  if (!headline.empty()) result.failures.push_back({.phase = "test", .headline = std::move(headline)});
  return result;
}

TK_TEST(Retry, only_a_failing_attempt_runs_again_while_retries_are_left) {
  for (const Verdict verdict : {Verdict::failed, Verdict::crashed, Verdict::timed_out, Verdict::exited_early,
                                Verdict::output_limit, Verdict::unexpected_pass}) {
    TK_EXPECT(runs_again(attempt(verdict), 1), "{}", to_string(verdict));
    TK_EXPECT_FALSE(runs_again(attempt(verdict), 0), "{} without retries", to_string(verdict));
  }
  for (const Verdict verdict : {Verdict::passed, Verdict::skipped, Verdict::expected_failure})
    TK_EXPECT_FALSE(runs_again(attempt(verdict), 5), "{}", to_string(verdict));
  const TestResult second = after_retry(attempt(Verdict::failed), attempt(Verdict::failed), 2);
  TK_EXPECT(runs_again(second, 2), "one retry of two is left");
  TK_EXPECT_FALSE(runs_again(after_retry(second, attempt(Verdict::failed), 2), 2), "both retries are used");
}

TK_TEST(Retry, a_pass_after_failures_is_flaky_and_keeps_them_in_order) {
  TestResult result = after_retry(attempt(Verdict::failed, "first"), attempt(Verdict::crashed, "second"), 3);
  result = after_retry(std::move(result), attempt(Verdict::passed), 3);
  TK_EXPECT_EQ(result.verdict, Verdict::flaky);
  TK_EXPECT_EQ(result.retries, 3u);
  TK_EXPECT_EQ(result.attempt_count(), 3u);
  TK_ASSERT_EQ(result.attempts.size(), 2u);
  TK_EXPECT_EQ(result.attempts[0].failures.at(0).headline, "first");
  TK_EXPECT_EQ(result.attempts[1].verdict, Verdict::crashed);
  TK_EXPECT(result.attempts[1].attempts.empty(), "an attempt has no attempts of its own");
  TK_EXPECT(result.failures.empty(), "the passing attempt's own result");
  TK_EXPECT_FALSE(is_failure(result.verdict));
  TK_EXPECT_EQ(after_retry(attempt(Verdict::unexpected_pass), attempt(Verdict::expected_failure), 1).verdict,
               Verdict::flaky);
}

TK_TEST(Retry, a_failure_in_every_attempt_stays_the_last_ones) {
  const TestResult result = after_retry(attempt(Verdict::crashed), attempt(Verdict::timed_out, "last"), 1);
  TK_EXPECT_EQ(result.verdict, Verdict::timed_out);
  TK_EXPECT_EQ(result.failures.at(0).headline, "last");
  TK_EXPECT_EQ(result.attempts.at(0).verdict, Verdict::crashed);
  testkit::RunResult run{.results = {result}};
  TK_EXPECT_EQ(run.tally().failed, 1u);
  TK_EXPECT_EQ(run.tally().flaky, 0u);
}

TK_TEST(Retry, tally_counts_flaky_tests_as_passed_and_apart) {
  const testkit::RunResult run{
      .results = {attempt(Verdict::flaky), attempt(Verdict::passed), attempt(Verdict::failed)}};
  const testkit::Tally tally = run.tally();
  TK_EXPECT_EQ(tally.passed, 2u);
  TK_EXPECT_EQ(tally.flaky, 1u);
  TK_EXPECT_EQ(tally.failed, 1u);
}

TK_TEST(Retry, retries_of_prefers_the_tests_metadata) {
  const testkit::Execution execution{.retries = 2};
  TK_EXPECT_EQ(retries_of(test, execution), 2u);
  const TestInfo never{.suite = "Net", .name = "never", .meta = {.retries = 0}};
  TK_EXPECT_EQ(retries_of(never, execution), 0u);
  const TestInfo many{.suite = "Net", .name = "many", .meta = {.retries = 1'000'000}};
  TK_EXPECT_EQ(retries_of(many, execution), testkit::max_retries);
}

}  // namespace
