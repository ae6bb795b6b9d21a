// run_inline: the events it reports, the results it returns and how they are tallied.
#include "support/run_inline.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "support/calls_body.hpp"
#include "support/recording_listener.hpp"

namespace {

using testkit::Verdict;
using testkit::selftest::CallsBody;
using testkit::selftest::RecordingListener;

testkit::TestInfo test_of(std::string name, std::function<void()> body, testkit::Metadata meta = {}) {
  return {.suite = "Run", .name = std::move(name), .meta = std::move(meta), .make = [body = std::move(body)] {
            return std::make_unique<CallsBody>(body);
          }};
}

/// One test of each verdict, in this order: passed, failed, skipped, expected_failure, unexpected_pass.
struct OneOfEach {
  testkit::TestInfo pass = test_of("pass", [] {});
  testkit::TestInfo fail = test_of("fail", [] { TK_FAIL("broken"); });
  testkit::TestInfo skip = test_of("skip", [] { TK_FAIL("must not run"); }, {.skip = "later"});
  testkit::TestInfo xfail_fails = test_of("xfail_fails", [] { TK_EXPECT_EQ(1, 2); }, {.xfail = "bug 1"});
  testkit::TestInfo xfail_passes = test_of("xfail_passes", [] {}, {.xfail = "bug 2"});

  [[nodiscard]] std::vector<const testkit::TestInfo*> plan() const {
    return {&pass, &fail, &skip, &xfail_fails, &xfail_passes};
  }
};

TK_TEST(InlineExecutor, events_come_in_firing_order) {
  const OneOfEach tests;
  RecordingListener recorder;
  (void)testkit::run_inline(tests.plan(), recorder);
  const std::vector<std::string> expected{"run_started 5",
                                          "test_started Run.pass",
                                          "test_ended Run.pass passed",
                                          "test_started Run.fail",
                                          "test_ended Run.fail failed",
                                          "test_started Run.skip",
                                          "test_ended Run.skip skipped",
                                          "test_started Run.xfail_fails",
                                          "test_ended Run.xfail_fails expected_failure",
                                          "test_started Run.xfail_passes",
                                          "test_ended Run.xfail_passes unexpected_pass",
                                          "run_ended"};
  TK_EXPECT_EQ(recorder.events(), expected);
}

TK_TEST(InlineExecutor, results_follow_the_plan_order) {
  const OneOfEach tests;
  const auto plan = tests.plan();
  RecordingListener recorder;
  const testkit::RunResult run = testkit::run_inline(plan, recorder);
  TK_ASSERT_EQ(run.results.size(), plan.size());
  TK_ASSERT_EQ(recorder.results().size(), plan.size());
  for (std::size_t i = 0; i < plan.size(); ++i) {
    TK_EXPECT_EQ(run.results[i].test, plan[i], "result {}", i);
    TK_EXPECT_EQ(recorder.results()[i].test, plan[i], "listened result {}", i);
    TK_EXPECT(recorder.results()[i].verdict == run.results[i].verdict, "result {}", i);
  }
  TK_EXPECT_EQ(recorder.run_ended_results(), plan.size());
}

TK_TEST(InlineExecutor, results_carry_failures_and_reasons) {
  const OneOfEach tests;
  RecordingListener recorder;
  const testkit::RunResult run = testkit::run_inline(tests.plan(), recorder);
  TK_ASSERT_EQ(run.results.size(), 5u);
  TK_ASSERT_EQ(run.results[1].failures.size(), 1u);
  TK_EXPECT_EQ(run.results[1].failures[0].message, "broken");
  TK_EXPECT_EQ(run.results[2].reason, "later");
  TK_EXPECT_EQ(run.results[3].reason, "bug 1");
  TK_EXPECT_EQ(run.results[4].reason, "bug 2");
  TK_ASSERT_EQ(recorder.results()[1].failures.size(), 1u);
  TK_EXPECT_EQ(recorder.results()[1].failures[0].message, "broken");
}

TK_TEST(InlineExecutor, tally_counts_expected_failures_as_passed_and_unexpected_passes_as_failed) {
  const OneOfEach tests;
  testkit::Listener quiet;
  const testkit::Tally tally = testkit::run_inline(tests.plan(), quiet).tally();
  TK_EXPECT_EQ(tally.passed, 2u);
  TK_EXPECT_EQ(tally.failed, 2u);
  TK_EXPECT_EQ(tally.skipped, 1u);
  TK_EXPECT_EQ(tally.expected_failures, 1u);
}

TK_TEST(InlineExecutor, each_planned_test_runs_once_per_appearance) {
  int runs = 0;
  const auto counted = test_of("counted", [&runs] { ++runs; });
  testkit::Listener quiet;
  const std::vector<const testkit::TestInfo*> plan{&counted, &counted};
  const testkit::RunResult run = testkit::run_inline(plan, quiet);
  TK_EXPECT_EQ(runs, 2);
  TK_EXPECT_EQ(run.tally().passed, 2u);
}

TK_TEST(InlineExecutor, empty_plan_reports_start_and_end_only) {
  RecordingListener recorder;
  const testkit::RunResult run = testkit::run_inline({}, recorder);
  const std::vector<std::string> expected{"run_started 0", "run_ended"};
  TK_EXPECT_EQ(recorder.events(), expected);
  TK_EXPECT(run.results.empty());
  const testkit::Tally tally = run.tally();
  TK_EXPECT_EQ(tally.passed + tally.failed + tally.skipped, 0u);
}

TK_TEST(InlineExecutor, inner_failures_stay_out_of_the_calling_test) {
  const auto failing = test_of("failing", [] { TK_ASSERT_EQ(1, 2); });
  testkit::Listener quiet;
  const std::vector<const testkit::TestInfo*> plan{&failing};
  const testkit::Captured outer = testkit::capture_failures([&] { (void)testkit::run_inline(plan, quiet); });
  TK_EXPECT(outer.failures.empty());
}

}  // namespace
