// keep_shard: each test of a plan runs in exactly one shard, spread round robin as GoogleTest does.
#include <testkit/run/shard.hpp>

#include <map>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

/// `count` tests named Suite.t0, Suite.t1...
std::vector<testkit::TestInfo> tests_named(std::size_t count) {
  std::vector<testkit::TestInfo> tests;
  for (std::size_t i = 0; i < count; ++i) tests.push_back({.suite = "Suite", .name = "t" + std::to_string(i)});
  return tests;
}

std::vector<const testkit::TestInfo*> plan_of(const std::vector<testkit::TestInfo>& tests) {
  std::vector<const testkit::TestInfo*> plan;
  for (const testkit::TestInfo& test : tests) plan.push_back(&test);
  return plan;
}

TK_TEST(Shard, one_shard_keeps_everything) {
  const auto tests = tests_named(5);
  auto plan = plan_of(tests);
  testkit::keep_shard(plan, {});
  TK_EXPECT_EQ(plan, plan_of(tests));
}

TK_TEST(Shard, tests_go_round_robin_in_plan_order) {
  const auto tests = tests_named(7);
  auto plan = plan_of(tests);
  testkit::keep_shard(plan, {.index = 1, .count = 3});
  const std::vector<const testkit::TestInfo*> expected{&tests[1], &tests[4]};
  TK_EXPECT_EQ(plan, expected);
}

TK_TEST(Shard, shards_partition_the_plan, .tags = {"property"}) {
  for (std::size_t size : {0u, 1u, 2u, 9u, 10u, 31u}) {
    for (std::size_t count : {1u, 2u, 3u, 7u, 40u}) {
      const auto tests = tests_named(size);
      std::map<const testkit::TestInfo*, int> runs;
      for (std::size_t index = 0; index < count; ++index) {
        auto plan = plan_of(tests);
        testkit::keep_shard(plan, {.index = index, .count = count});
        TK_EXPECT_LE(plan.size(), size / count + 1, "{} tests, shard {}/{}", size, index, count);
        for (const testkit::TestInfo* test : plan) ++runs[test];
      }
      TK_EXPECT_EQ(runs.size(), size, "{} tests in {} shards", size, count);
      for (const auto& [test, times] : runs) TK_EXPECT_EQ(times, 1, "{} in {} shards", test->full_name(), count);
    }
  }
}

}  // namespace
