// --last-failed, --failed-first and the slowest-first schedule, on their own and as make_plan composes them with the
// filter, the shard, --shuffle and --deterministic.
#include <testkit/run/cached_order.hpp>

#include <chrono>
#include <deque>
#include <string>
#include <vector>

#include <testkit/run/plan.hpp>
#include <testkit/testkit.hpp>

namespace {

using namespace std::chrono_literals;
using testkit::ResultCache;
using testkit::Verdict;
using Names = std::vector<std::string>;

/// Six tests in registration order: a0 ... a5.
const std::deque<testkit::TestInfo>& registered() {
  static const std::deque<testkit::TestInfo> tests{{.suite = "A", .name = "t0"}, {.suite = "A", .name = "t1"},
                                                   {.suite = "A", .name = "t2"}, {.suite = "A", .name = "t3"},
                                                   {.suite = "A", .name = "t4"}, {.suite = "A", .name = "t5"}};
  return tests;
}

std::vector<const testkit::TestInfo*> all_tests() {
  std::vector<const testkit::TestInfo*> plan;
  for (const testkit::TestInfo& test : registered()) plan.push_back(&test);
  return plan;
}

Names names(const std::vector<const testkit::TestInfo*>& plan) {
  Names out;
  for (const testkit::TestInfo* test : plan) out.push_back(test->name);
  return out;
}

/// t1 and t4 failed last time; t5 was never run; the others passed, t3 the slowest.
const ResultCache cache{{"A.t0", {Verdict::passed, 10ms}},  {"A.t1", {Verdict::failed, 20ms}},
                        {"A.t2", {Verdict::skipped, 0ms}},  {"A.t3", {Verdict::passed, 900ms}},
                        {"A.t4", {Verdict::timed_out, 2s}}, {"Gone.t9", {Verdict::failed, 1ms}}};

TK_TEST(CachedOrder, last_failed_keeps_the_failures_in_their_order) {
  auto plan = all_tests();
  TK_EXPECT(testkit::keep_last_failed(plan, cache));
  TK_EXPECT_EQ(names(plan), (Names{"t1", "t4"}));
}

TK_TEST(CachedOrder, last_failed_keeps_everything_when_nothing_failed) {
  auto plan = all_tests();
  TK_EXPECT_FALSE(testkit::keep_last_failed(plan, {{"A.t0", {Verdict::passed, 1ms}}}));
  TK_EXPECT_EQ(plan.size(), 6u);
  TK_EXPECT_FALSE(testkit::keep_last_failed(plan, {}));
  TK_EXPECT_EQ(plan.size(), 6u);
}

TK_TEST(CachedOrder, failed_first_moves_the_failures_to_the_front) {
  auto plan = all_tests();
  testkit::put_failed_first(plan, cache);
  TK_EXPECT_EQ(names(plan), (Names{"t1", "t4", "t0", "t2", "t3", "t5"}));
}

TK_TEST(CachedOrder, slowest_first_puts_unknown_tests_first_then_the_longest) {
  auto plan = all_tests();
  testkit::put_slowest_first(plan, cache);
  TK_EXPECT_EQ(names(plan), (Names{"t5", "t4", "t3", "t1", "t0", "t2"}));
}

TK_TEST(CachedOrder, slowest_first_keeps_plan_order_between_equals) {
  auto plan = all_tests();
  testkit::put_slowest_first(plan, {{"A.t2", {Verdict::passed, 5ms}}, {"A.t4", {Verdict::passed, 5ms}}});
  TK_EXPECT_EQ(names(plan), (Names{"t0", "t1", "t3", "t5", "t2", "t4"}));
  testkit::put_slowest_first(plan, {});
  TK_EXPECT_EQ(names(plan), (Names{"t0", "t1", "t3", "t5", "t2", "t4"}), "an empty cache changes nothing");
}

TK_TEST(CachedOrder, a_fixture_class_moves_as_one_unit_weighed_by_its_total_and_keeps_its_order) {
  static const testkit::FixtureClass fixture{.name = "F"};
  const std::deque<testkit::TestInfo> tests{{.suite = "F", .name = "quick", .fixture = &fixture},
                                            {.suite = "Free", .name = "mid"},
                                            {.suite = "F", .name = "slow", .fixture = &fixture},
                                            {.suite = "Free", .name = "big"}};
  std::vector<const testkit::TestInfo*> plan;
  for (const testkit::TestInfo& test : tests) plan.push_back(&test);
  const ResultCache durations{{"F.quick", {Verdict::passed, 10ms}},
                              {"Free.mid", {Verdict::passed, 300ms}},
                              {"F.slow", {Verdict::passed, 500ms}},
                              {"Free.big", {Verdict::passed, 600ms}}};
  testkit::put_slowest_first(plan, durations);
  Names order;
  for (const testkit::TestInfo* test : plan) order.push_back(test->full_name());
  TK_EXPECT_EQ(order, (Names{"Free.big", "F.quick", "F.slow", "Free.mid"}), "F weighs 510 ms, and slow stays last");
}

Names plan_names(const testkit::Settings& settings) { return names(testkit::make_plan(registered(), settings, cache)); }

TK_TEST(CachedOrder, a_parallel_plan_starts_the_slowest_first) {
  TK_EXPECT_EQ(plan_names({.execution = {.jobs = 4}}), (Names{"t5", "t4", "t3", "t1", "t0", "t2"}));
}

TK_TEST(CachedOrder, one_job_listings_deterministic_runs_and_shuffles_keep_their_order) {
  TK_EXPECT_EQ(plan_names({}), (Names{"t0", "t1", "t2", "t3", "t4", "t5"}));
  TK_EXPECT_EQ(plan_names({.deterministic = true, .execution = {.jobs = 4}}),
               (Names{"t0", "t1", "t2", "t3", "t4", "t5"}));
  TK_EXPECT_EQ(plan_names({.list = true, .execution = {.jobs = 4}}), (Names{"t0", "t1", "t2", "t3", "t4", "t5"}),
               "a listing, which tools shard, does not depend on the durations");
  auto shuffled = all_tests();
  testkit::shuffle_plan(shuffled, 3);
  TK_EXPECT_EQ(plan_names({.execution = {.jobs = 4}, .shuffle = true, .seed = 3}), names(shuffled));
}

TK_TEST(CachedOrder, failed_first_comes_after_the_schedule_and_the_shuffle) {
  TK_EXPECT_EQ(plan_names({.cache = {.failed_first = true}}), (Names{"t1", "t4", "t0", "t2", "t3", "t5"}));
  TK_EXPECT_EQ(plan_names({.execution = {.jobs = 2}, .cache = {.failed_first = true}}),
               (Names{"t4", "t1", "t5", "t3", "t0", "t2"}));
  const Names shuffled =
      plan_names({.execution = {.jobs = 2}, .shuffle = true, .seed = 11, .cache = {.failed_first = true}});
  TK_ASSERT_EQ(shuffled.size(), 6u);
  TK_EXPECT(((shuffled[0] == "t1" && shuffled[1] == "t4") || (shuffled[0] == "t4" && shuffled[1] == "t1")));
}

TK_TEST(CachedOrder, last_failed_applies_to_the_filtered_selection) {
  TK_EXPECT_EQ(plan_names({.filter = "A.t4:A.t0", .cache = {.last_failed = true}}), (Names{"t4"}));
  TK_EXPECT_EQ(plan_names({.filter = "A.t0:A.t2", .cache = {.last_failed = true}}), (Names{"t0", "t2"}),
               "none of the selected tests failed: all of them run");
}

TK_TEST(CachedOrder, last_failed_keeps_each_shard_within_its_part) {
  // Shards 0 and 1 of 2 hold t0 t2 t4 and t1 t3 t5: each runs its own failures, whatever the other's are.
  TK_EXPECT_EQ(plan_names({.shard = {.index = 0, .count = 2}, .cache = {.last_failed = true}}), (Names{"t4"}));
  TK_EXPECT_EQ(plan_names({.shard = {.index = 1, .count = 2}, .cache = {.last_failed = true}}), (Names{"t1"}));
}

TK_TEST(CachedOrder, the_schedule_orders_within_the_shard) {
  TK_EXPECT_EQ(plan_names({.execution = {.jobs = 2}, .shard = {.index = 1, .count = 2}}), (Names{"t5", "t3", "t1"}));
}

TK_TEST(CachedOrder, repeats_repeat_the_ordered_plan) {
  TK_EXPECT_EQ(plan_names({.repeat = 2, .cache = {.last_failed = true}}), (Names{"t1", "t4", "t1", "t4"}));
}

}  // namespace
