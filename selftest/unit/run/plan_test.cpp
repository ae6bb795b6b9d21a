// make_plan: which registered tests a run selects, and in which order.
#include <testkit/run/plan.hpp>

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
  return {test("Strings", "upper", {"fast"}),         test("Math", "mul", {"fast", "db"}),
          test("Math", "add", {}),                    test("Net", "fetch", {"slow", "net"}),
          test("Math", "slow_sum", {"slow"}),         test("Strings", "lower", {"db"})};
}

/// The full names of a plan, in order.
std::vector<std::string> names(const std::vector<const testkit::TestInfo*>& plan) {
  std::vector<std::string> out;
  for (const testkit::TestInfo* test : plan) out.push_back(test->full_name());
  return out;
}

std::vector<std::string> plan_names(const testkit::Options& options) {
  const auto tests = registered();
  return names(testkit::make_plan(tests, options));
}

TK_TEST(Plan, no_options_select_every_test_in_registration_order) {
  const std::vector<std::string> expected{"Strings.upper", "Math.mul", "Math.add", "Net.fetch", "Math.slow_sum",
                                          "Strings.lower"};
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

}  // namespace
