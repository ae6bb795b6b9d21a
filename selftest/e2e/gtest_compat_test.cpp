// A test binary driven the way GoogleTest binaries are: --gtest_list_tests, --gtest_filter, and the sharding and
// Bazel variables (GTEST_SHARD_*, TEST_SHARD_*, the status and premature-exit files, TESTBRIDGE_TEST_ONLY).
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using Names = std::vector<std::string>;

/// The "Suite.name" of each line of a --list output.
Names listed_names(const std::string& out) {
  Names names;
  for (const std::string& line : lines_of(out)) names.push_back(line.substr(0, line.find("  #")));
  return names;
}

/// The names a console output reports, in order.
Names names_reported(const std::string& out) {
  Names names;
  for (const Reported& reported : reported_tests(out)) names.push_back(reported.name);
  return names;
}

/// The environment of shard `index` of `count`.
testkit::selftest::ProcessSetup shard_setup(std::size_t index, std::size_t count, const char* prefix = "GTEST_") {
  const std::string total_name = std::string(prefix) == "GTEST_" ? "GTEST_TOTAL_SHARDS" : "TEST_TOTAL_SHARDS";
  return {
      .set_env = {{std::string(prefix) + "SHARD_INDEX", std::to_string(index)}, {total_name, std::to_string(count)}}};
}

TK_TEST(GtestCompat, list_tests_is_gtest_format_and_ignores_shards) {
  const auto result = run_scenario(scenario_pass, {"--gtest_list_tests"}, shard_setup(1, 3));
  TK_EXPECT_EQ(result.exit_code, 0);
  TK_EXPECT_EQ(result.out,
               "Arithmetic.\n  adds\n  compares\nStrings.\n  concatenates\n  slow_search\nSkipping.\n  by_metadata\n"
               "  at_run_time\nExpected.\n  failure\nCounter.\n  starts_with_three_values\n  throws_when_asked\n");
}

TK_TEST(GtestCompat, gtest_filter_runs_one_test_as_gtest_discover_tests_asks) {
  const auto result = run_scenario(
      scenario_pass, {"--gtest_filter=Strings.concatenates", "--gtest_also_run_disabled_tests", "--gtest_color=no"});
  TK_EXPECT_EQ(result.exit_code, 0);
  TK_EXPECT_EQ(names_reported(result.out), Names{"Strings.concatenates"});
  TK_EXPECT_FALSE(has_ansi_escape(result.out));
}

TK_TEST(GtestCompat, three_shards_list_and_run_every_test_exactly_once) {
  const Names all = listed_names(run_scenario(scenario_many, {"--list"}).out);
  TK_ASSERT_GT(all.size(), 100u);
  Names listed;
  Names ran;
  for (std::size_t index = 0; index < 3; ++index) {
    const Names shard = listed_names(run_scenario(scenario_many, {"--list"}, shard_setup(index, 3)).out);
    TK_EXPECT_LE(shard.size(), all.size() / 3 + 1, "shard {}", index);
    listed.insert(listed.end(), shard.begin(), shard.end());
    const auto run = run_scenario(scenario_many, {"--deterministic", "--color", "never"}, shard_setup(index, 3));
    TK_EXPECT_EQ(run.exit_code, 0, "shard {}: {}", index, run.err);
    const Names names = names_reported(run.out);
    ran.insert(ran.end(), names.begin(), names.end());
    TK_EXPECT_EQ(last_line(run.out), fmt::format("{} passed, 0 failed, 0 skipped", shard.size()));
  }
  Names sorted_all = all;
  std::ranges::sort(sorted_all);
  std::ranges::sort(listed);
  TK_EXPECT_EQ(listed, sorted_all);
  std::ranges::sort(ran);
  TK_EXPECT_EQ(ran, sorted_all);
}

TK_TEST(GtestCompat, bazel_shard_variables_and_status_file) {
  const std::string status = temporary_path(*this, "shard_status");
  auto setup = shard_setup(0, 2, "TEST_");
  setup.set_env.emplace_back("TEST_SHARD_STATUS_FILE", status);
  const auto result = run_scenario(scenario_pass, {"--list"}, setup);
  TK_EXPECT_EQ(result.exit_code, 0);
  TK_EXPECT_EQ(listed_names(result.out), (Names{"Arithmetic.adds", "Strings.concatenates", "Skipping.by_metadata",
                                                "Expected.failure", "Counter.throws_when_asked"}));
  TK_EXPECT(std::filesystem::exists(status), "the status file tells Bazel the binary shards");
}

TK_TEST(GtestCompat, more_shards_than_tests_leave_empty_shards_that_pass) {
  const auto result = run_scenario(scenario_pass, {"--filter", "Arithmetic.adds"}, shard_setup(3, 4));
  TK_EXPECT_EQ(result.exit_code, 0, "{}", result.err);
  TK_EXPECT_EQ(last_line(result.out), "0 passed, 0 failed, 0 skipped");
  // An empty selection is still exit 5, sharded or not.
  TK_EXPECT_EQ(run_scenario(scenario_pass, {"--filter", "Nothing.*"}, shard_setup(0, 4)).exit_code, 5);
}

TK_TEST(GtestCompat, a_bad_shard_is_a_usage_error_before_any_test_runs) {
  const auto result = run_scenario(scenario_pass, {}, shard_setup(5, 3));
  TK_EXPECT_EQ(result.exit_code, 2);
  TK_EXPECT_CONTAINS(result.err, "GTEST_SHARD_INDEX=5");
  TK_EXPECT_EQ(result.out, "");
}

TK_TEST(GtestCompat, testbridge_test_only_filters_unless_the_command_line_does) {
  const testkit::selftest::ProcessSetup setup{.set_env = {{"TESTBRIDGE_TEST_ONLY", "Strings.*"}}};
  TK_EXPECT_EQ(listed_names(run_scenario(scenario_pass, {"--list"}, setup).out),
               (Names{"Strings.concatenates", "Strings.slow_search"}));
  TK_EXPECT_EQ(listed_names(run_scenario(scenario_pass, {"--list", "--filter", "Arithmetic.adds"}, setup).out),
               Names{"Arithmetic.adds"});
}

TK_TEST(GtestCompat, premature_exit_file_is_gone_after_a_run_and_left_by_a_crash) {
  const std::string marker = temporary_path(*this, "premature_exit");
  const testkit::selftest::ProcessSetup setup{.set_env = {{"TEST_PREMATURE_EXIT_FILE", marker}}};
  const auto finished = run_scenario(scenario_pass, {"--filter", "Arithmetic.*"}, setup);
  TK_EXPECT_EQ(finished.exit_code, 0);
  TK_EXPECT_FALSE(std::filesystem::exists(marker));
  // In one process a segfault ends the whole run: Bazel must learn that it ended early.
  const auto crashed = run_scenario(scenario_crashes, {"--no-fork", "-j1", "--filter", "Fault.segfault"}, setup);
  TK_EXPECT_NE(crashed.exit_code, 0);
  TK_EXPECT(std::filesystem::exists(marker));
}

}  // namespace
