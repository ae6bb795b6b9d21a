// make_plan: which registered tests a run selects, and in which order.
#include <testkit/run/plan.hpp>

#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

namespace {

/// Registered tests in a deliberately unsorted order, each with its tags.
std::deque<testkit::TestInfo> registered() {
  const auto test = [](std::string suite, std::string name, std::vector<std::string> tags) {
    return testkit::TestInfo{.suite = std::move(suite), .name = std::move(name), .meta = {.tags = std::move(tags)}};
  };
  return {test("Strings", "upper", {"fast"}),    test("Math", "mul", {"fast", "db"}), test("Math", "add", {}),
          test("Net", "fetch", {"slow", "net"}), test("Math", "slow_sum", {"slow"}),  test("Strings", "lower", {"db"})};
}

/// The full names of a plan, in order.
std::vector<std::string> names(const std::vector<const testkit::TestInfo*>& plan) {
  std::vector<std::string> out;
  for (const testkit::TestInfo* test : plan) out.push_back(test->full_name());
  return out;
}

std::vector<std::string> plan_names(const testkit::Settings& options) {
  const auto tests = registered();
  return names(testkit::make_plan(tests, options));
}

TK_TEST(Plan, no_options_select_every_test_in_registration_order) {
  const std::vector<std::string> expected{"Strings.upper", "Math.mul",      "Math.add",
                                          "Net.fetch",     "Math.slow_sum", "Strings.lower"};
  TK_EXPECT_EQ(plan_names({}), expected);
}

TK_TEST(Plan, plan_points_at_the_registered_tests) {
  const auto tests = registered();
  const auto plan = testkit::make_plan(tests, {});
  TK_ASSERT_EQ(plan.size(), tests.size());
  for (std::size_t i = 0; i < plan.size(); ++i) TK_EXPECT_EQ(plan[i], &tests[i]);
}

TK_TEST(Plan, filter_keeps_the_matching_tests_in_order) {
  const std::vector<std::string> expected{"Math.mul", "Math.add"};
  TK_EXPECT_EQ(plan_names({.filter = "Math.*-*slow*"}), expected);
}

TK_TEST(Plan, tags_select_tests_with_any_of_them) {
  const std::vector<std::string> expected{"Strings.upper", "Math.mul", "Net.fetch", "Strings.lower"};
  TK_EXPECT_EQ(plan_names({.tags = {"net", "fast", "db"}}), expected);
}

TK_TEST(Plan, exclude_tags_leave_out_tests_with_any_of_them) {
  const std::vector<std::string> expected{"Strings.upper", "Math.add"};
  TK_EXPECT_EQ(plan_names({.exclude_tags = {"slow", "db"}}), expected);
}

TK_TEST(Plan, exclusion_wins_over_selection) {
  const std::vector<std::string> expected{"Strings.upper"};
  TK_EXPECT_EQ(plan_names({.tags = {"fast"}, .exclude_tags = {"db"}}), expected);
}

TK_TEST(Plan, filter_and_tags_must_both_agree) {
  const std::vector<std::string> expected{"Strings.lower"};
  TK_EXPECT_EQ(plan_names({.filter = "Strings.*", .tags = {"db"}}), expected);
}

TK_TEST(Plan, unknown_tag_selects_nothing) {
  TK_EXPECT(plan_names({.tags = {"gpu"}}).empty());
  TK_EXPECT(plan_names({.filter = "Nothing.*"}).empty());
}

TK_TEST(Plan, tags_compare_whole_names) {
  TK_EXPECT(plan_names({.tags = {"fas"}}).empty());
  TK_EXPECT(plan_names({.tags = {"FAST"}}).empty());
}

/// `count` tests Many.t0, Many.t1, ... in registration order.
std::deque<testkit::TestInfo> many(std::size_t count) {
  std::deque<testkit::TestInfo> tests;
  for (std::size_t i = 0; i < count; ++i) tests.push_back({.suite = "Many", .name = fmt::format("t{}", i)});
  return tests;
}

/// The plan of `tests` in registration order.
std::vector<const testkit::TestInfo*> in_order(const std::deque<testkit::TestInfo>& tests) {
  std::vector<const testkit::TestInfo*> plan;
  for (const testkit::TestInfo& test : tests) plan.push_back(&test);
  return plan;
}

/// `plan` shuffled with `seed`.
std::vector<const testkit::TestInfo*> shuffled(std::vector<const testkit::TestInfo*> plan, std::uint64_t seed) {
  testkit::shuffle_plan(plan, seed);
  return plan;
}

TK_TEST(Plan, shuffle_is_a_permutation) {
  const auto tests = many(20);
  auto ordered = in_order(tests);
  std::ranges::sort(ordered);
  for (const std::uint64_t seed : {0ull, 1ull, 42ull, ~0ull}) {
    auto plan = shuffled(ordered, seed);
    std::ranges::sort(plan);
    TK_EXPECT(plan == ordered, "seed {}", seed);
  }
}

TK_TEST(Plan, shuffle_gives_the_same_order_for_the_same_seed) {
  const auto tests = many(20);
  const auto ordered = in_order(tests);
  for (const std::uint64_t seed : {0ull, 7ull, 123456789ull}) {
    TK_EXPECT_EQ(names(shuffled(ordered, seed)), names(shuffled(ordered, seed)), "seed {}", seed);
    TK_EXPECT_NE(names(shuffled(ordered, seed)), names(ordered), "seed {}", seed);
  }
}

TK_TEST(Plan, different_seeds_give_different_orders) {
  const auto tests = many(20);
  const auto ordered = in_order(tests);
  const std::vector<std::uint64_t> seeds{0, 1, 2, 3, 1000, ~0ull};
  for (std::size_t i = 0; i < seeds.size(); ++i)
    for (std::size_t j = i + 1; j < seeds.size(); ++j)
      TK_EXPECT_NE(names(shuffled(ordered, seeds[i])), names(shuffled(ordered, seeds[j])), "seeds {} and {}", seeds[i],
                   seeds[j]);
}

TK_TEST(Plan, shuffle_order_is_the_same_on_every_machine) {
  // Pinned: a change here changes the order every published --seed gives.
  const auto tests = many(6);
  const std::vector<std::string> expected{"Many.t3", "Many.t1", "Many.t5", "Many.t2", "Many.t4", "Many.t0"};
  TK_EXPECT_EQ(names(shuffled(in_order(tests), 42)), expected);
}

TK_TEST(Plan, shuffle_of_small_plans_is_harmless) {
  const auto tests = many(1);
  TK_EXPECT(shuffled({}, 5).empty());
  TK_EXPECT_EQ(names(shuffled(in_order(tests), 5)), std::vector<std::string>{"Many.t0"});
}

TK_TEST(Plan, make_plan_shuffles_with_the_given_seed_or_zero) {
  const auto tests = many(20);
  const auto ordered = in_order(tests);
  TK_EXPECT_EQ(names(testkit::make_plan(tests, {.shuffle = true, .seed = 99})), names(shuffled(ordered, 99)));
  TK_EXPECT_EQ(names(testkit::make_plan(tests, {.shuffle = true})), names(shuffled(ordered, 0)));
  TK_EXPECT_EQ(names(testkit::make_plan(tests, {.seed = 99})), names(ordered));  // a seed alone does not shuffle
}

TK_TEST(Plan, make_plan_shuffles_only_the_selected_tests) {
  const auto tests = registered();
  const testkit::Settings options{.filter = "Math.*", .shuffle = true, .seed = 3};
  auto plan = testkit::make_plan(tests, options);
  auto selected = testkit::make_plan(tests, {.filter = "Math.*"});
  TK_EXPECT_EQ(names(plan), names(shuffled(selected, 3)));
}

TK_TEST(Plan, repeat_runs_the_same_order_each_round) {
  const auto tests = many(20);
  const auto once = names(testkit::make_plan(tests, {.shuffle = true, .seed = 5}));
  const auto thrice = names(testkit::make_plan(tests, {.shuffle = true, .seed = 5, .repeat = 3}));
  TK_ASSERT_EQ(thrice.size(), 3 * once.size());
  for (std::size_t round = 0; round < 3; ++round)
    TK_EXPECT(std::equal(once.begin(), once.end(), thrice.begin() + static_cast<std::ptrdiff_t>(round * once.size())),
              "round {}", round);
  TK_EXPECT_EQ(plan_names({.repeat = 2}).size(), 2 * registered().size());
  TK_EXPECT_EQ(plan_names({.filter = "Nothing.*", .repeat = 4}).size(), 0u);
}

TK_TEST(Plan, shards_take_every_nth_selected_test_before_shuffling) {
  // Selected in registration order: Math.mul, Math.add, Net.fetch, Math.slow_sum.
  const std::vector<std::string> first{"Math.mul", "Net.fetch"};
  TK_EXPECT_EQ(plan_names({.filter = "Math.*:Net.*", .shard = {.index = 0, .count = 2}}), first);
  const std::vector<std::string> second{"Math.add", "Math.slow_sum"};
  TK_EXPECT_EQ(plan_names({.filter = "Math.*:Net.*", .shard = {.index = 1, .count = 2}}), second);
  // A shuffled shard holds the same tests as the unshuffled one: shards agree whatever each process's seed.
  auto shuffled_shard = plan_names({.shuffle = true, .seed = 8, .shard = {.index = 1, .count = 2}});
  auto plain_shard = plan_names({.shard = {.index = 1, .count = 2}});
  std::ranges::sort(shuffled_shard);
  std::ranges::sort(plain_shard);
  TK_EXPECT_EQ(shuffled_shard, plain_shard);
}

}  // namespace
