// ResultSink: events of tests that run at the same time, as they happen or held back into plan order.
#include <testkit/run/result_sink.hpp>

#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "support/recording_listener.hpp"

namespace {

using testkit::Verdict;
using testkit::detail::ResultSink;
using testkit::selftest::RecordingListener;
using Events = std::vector<std::string>;

/// Four tests Sink.a .. Sink.d and their plan.
struct FourTests {
  testkit::TestInfo a{.suite = "Sink", .name = "a"}, b{.suite = "Sink", .name = "b"};
  testkit::TestInfo c{.suite = "Sink", .name = "c"}, d{.suite = "Sink", .name = "d"};
  std::vector<const testkit::TestInfo*> plan{&a, &b, &c, &d};

  [[nodiscard]] testkit::TestResult result(std::size_t index, Verdict verdict = Verdict::passed) const {
    return {.test = plan[index], .verdict = verdict};
  }
};

/// The names of a run's results, in order.
std::vector<std::string> names(const testkit::RunResult& run) {
  std::vector<std::string> out;
  for (const testkit::TestResult& result : run.results) out.push_back(result.test->name);
  return out;
}

TK_TEST(ResultSink, completion_order_reports_each_event_as_it_happens) {
  const FourTests tests;
  RecordingListener recorder;
  ResultSink sink(recorder, tests.plan, /*in_plan_order=*/false);
  sink.started(0);
  sink.started(1);
  TK_EXPECT_EQ(recorder.events(), (Events{"test_started Sink.a", "test_started Sink.b"}));
  sink.finished(1, tests.result(1, Verdict::failed));
  sink.started(2);
  sink.finished(0, tests.result(0));
  sink.finished(2, tests.result(2, Verdict::skipped));
  const Events expected{"test_started Sink.a", "test_started Sink.b",      "test_ended Sink.b failed",
                        "test_started Sink.c", "test_ended Sink.a passed", "test_ended Sink.c skipped"};
  TK_EXPECT_EQ(recorder.events(), expected);
  const testkit::RunResult run = sink.take();
  TK_EXPECT_EQ(names(run), (std::vector<std::string>{"b", "a", "c"}));
  TK_ASSERT_EQ(run.results.size(), 3u);
  TK_EXPECT_EQ(run.results[0].verdict, Verdict::failed);
}

TK_TEST(ResultSink, plan_order_holds_results_back_until_earlier_tests_finish) {
  const FourTests tests;
  RecordingListener recorder;
  ResultSink sink(recorder, tests.plan, /*in_plan_order=*/true);
  for (std::size_t index = 0; index < 4; ++index) sink.started(index);
  TK_EXPECT(recorder.events().empty());
  sink.finished(2, tests.result(2));
  sink.finished(3, tests.result(3, Verdict::failed));
  TK_EXPECT(recorder.events().empty());
  sink.finished(0, tests.result(0));
  TK_EXPECT_EQ(recorder.events(), (Events{"test_started Sink.a", "test_ended Sink.a passed"}));
  sink.finished(1, tests.result(1, Verdict::skipped));
  const Events expected{"test_started Sink.a",       "test_ended Sink.a passed", "test_started Sink.b",
                        "test_ended Sink.b skipped", "test_started Sink.c",      "test_ended Sink.c passed",
                        "test_started Sink.d",       "test_ended Sink.d failed"};
  TK_EXPECT_EQ(recorder.events(), expected);
  const testkit::RunResult run = sink.take();
  TK_EXPECT_EQ(names(run), (std::vector<std::string>{"a", "b", "c", "d"}));
  TK_ASSERT_EQ(recorder.results().size(), 4u);
  TK_EXPECT_EQ(recorder.results()[3].verdict, Verdict::failed);
}

TK_TEST(ResultSink, plan_order_in_reverse_completion_comes_out_in_one_burst) {
  const FourTests tests;
  RecordingListener recorder;
  ResultSink sink(recorder, tests.plan, /*in_plan_order=*/true);
  for (std::size_t index = 4; index-- > 1;) sink.finished(index, tests.result(index));
  TK_EXPECT(recorder.events().empty());
  sink.finished(0, tests.result(0));
  TK_EXPECT_EQ(recorder.events().size(), 8u);
  TK_EXPECT_EQ(names(sink.take()), (std::vector<std::string>{"a", "b", "c", "d"}));
}

TK_TEST(ResultSink, take_drops_results_still_held_back) {
  const FourTests tests;
  RecordingListener recorder;
  ResultSink sink(recorder, tests.plan, /*in_plan_order=*/true);
  sink.finished(0, tests.result(0));
  sink.finished(2, tests.result(2));
  TK_EXPECT_EQ(names(sink.take()), (std::vector<std::string>{"a"}));
  TK_EXPECT_EQ(recorder.events(), (Events{"test_started Sink.a", "test_ended Sink.a passed"}));
}

TK_TEST(ResultSink, a_test_planned_twice_is_reported_per_plan_position) {
  const FourTests tests;
  const std::vector<const testkit::TestInfo*> plan{&tests.a, &tests.b, &tests.a};
  RecordingListener recorder;
  ResultSink sink(recorder, plan, /*in_plan_order=*/true);
  sink.finished(2, {.test = &tests.a, .verdict = Verdict::failed});
  sink.finished(1, {.test = &tests.b});
  sink.finished(0, {.test = &tests.a});
  const Events expected{"test_started Sink.a",      "test_ended Sink.a passed", "test_started Sink.b",
                        "test_ended Sink.b passed", "test_started Sink.a",      "test_ended Sink.a failed"};
  TK_EXPECT_EQ(recorder.events(), expected);
}

TK_TEST(ResultSink, empty_plan_gives_an_empty_run) {
  RecordingListener recorder;
  ResultSink sink(recorder, {}, /*in_plan_order=*/true);
  TK_EXPECT(sink.take().results.empty());
  TK_EXPECT(recorder.events().empty());
}

TK_TEST(ResultSink, release_held_reports_what_waits_behind_an_unfinished_test) {
  const FourTests tests;
  RecordingListener recorder;
  ResultSink sink(recorder, tests.plan, /*in_plan_order=*/true);
  sink.finished(3, tests.result(3, Verdict::failed));
  sink.finished(1, tests.result(1));
  sink.release_held();  // test 0 (and 2) will never finish
  const Events expected{"test_started Sink.b", "test_ended Sink.b passed", "test_started Sink.d",
                        "test_ended Sink.d failed"};
  TK_EXPECT_EQ(recorder.events(), expected);
  TK_EXPECT_EQ(names(sink.take()), (std::vector<std::string>{"b", "d"}));
}

}  // namespace
