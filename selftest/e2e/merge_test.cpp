// testkit-run --merge: the JSON reports of four shards of a run merge into the reports of the unsharded run (every
// test once, with its verdict and failures; the seed; a JUnit file valid against the schema; an HTML page), and
// shards that do not make one run are a usage error that says why.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using testkit::selftest::run_process;
using Json = nlohmann::json;

constexpr int shard_count = 4;

// Runs scenario_failures (shard `index` of shard_count, or all of it for -1) with --seed 7 and a JSON report at `path`.
void run_shard(int index, const std::string& path) {
  testkit::selftest::ProcessSetup setup;
  if (index >= 0)
    setup.set_env = {{"GTEST_TOTAL_SHARDS", std::to_string(shard_count)}, {"GTEST_SHARD_INDEX", std::to_string(index)}};
  const auto result = run_scenario(scenario_failures, {"-j", "2", "--seed", "7", "--json", path}, setup);
  TK_ASSERT_EQ(result.exit_code, 1, "stderr: {}", result.err);
}

// What the reports say of each test, sorted: its name, verdict, reason and failures (not its times).
std::vector<std::string> outcomes_of(const Json& report) {
  std::vector<std::string> outcomes;
  for (const Json& test : report["tests"]) {
    std::string outcome = test["full_name"].get<std::string>() + " " + test["verdict"].get<std::string>() + " " +
                          test["reason"].get<std::string>();
    for (const Json& failure : test["failures"]) outcome += " | " + failure["headline"].get<std::string>();
    outcomes.push_back(outcome);
  }
  std::ranges::sort(outcomes);
  return outcomes;
}

std::string path_in_tmp(const std::string& name) { return (testkit::tmp_path() / name).string(); }

TK_TEST(MergeShards, four_shards_make_the_reports_of_the_whole_run, .timeout = std::chrono::seconds(120)) {
  std::vector<std::string> arguments{"--merge"};
  for (int index = shard_count - 1; index >= 0; --index) {  // in any order
    arguments.push_back(path_in_tmp("shard-" + std::to_string(index) + ".json"));
    run_shard(index, arguments.back());
  }
  run_shard(-1, path_in_tmp("whole.json"));
  const std::vector<std::string> reports{"--json", path_in_tmp("merged.json"), "--junit-xml", path_in_tmp("merged.xml"),
                                         "--html", path_in_tmp("merged.html")};
  arguments.insert(arguments.end(), reports.begin(), reports.end());
  const auto merge = run_process(testkit_run, arguments);
  TK_ASSERT_EQ(merge.exit_code, 1, "a test failed: {}{}", merge.out, merge.err);
  TK_EXPECT_EQ(merge.out, "Merged 4 shards of scenario_failures: 13 tests\n1 passed, 11 failed, 1 skipped\n");

  const Json whole = Json::parse(read_file(path_in_tmp("whole.json")));
  const Json merged = Json::parse(read_file(path_in_tmp("merged.json")));
  TK_EXPECT_EQ(outcomes_of(merged), outcomes_of(whole));
  TK_EXPECT_EQ(merged["tally"], whole["tally"]);
  TK_EXPECT_EQ(merged["seed"], 7);
  TK_EXPECT_EQ(merged["shard"]["count"], 1);
  TK_EXPECT_EQ(merged["program"], "scenario_failures");
  TK_EXPECT_EQ(junit_problems(path_in_tmp("merged.xml")), "");
  TK_EXPECT_CONTAINS(read_file(path_in_tmp("merged.html")), "\"full_name\": \"Mixed.passes\"");
}

TK_TEST(MergeShards, shards_that_do_not_make_one_run_are_a_usage_error) {
  for (const int index : {0, 1}) run_shard(index, path_in_tmp("shard-" + std::to_string(index) + ".json"));
  const std::string first = path_in_tmp("shard-0.json");
  const std::string second = path_in_tmp("shard-1.json");
  const std::string out = path_in_tmp("merged.json");
  const auto missing = run_process(testkit_run, {"--merge", first, second, "--json", out});
  TK_EXPECT_EQ(missing.exit_code, 2);
  TK_EXPECT_CONTAINS(missing.err, "shards 2, 3 of 4 are missing");
  const auto twice = run_process(testkit_run, {"--merge", first, first, "--json", out});
  TK_EXPECT_EQ(twice.exit_code, 2);
  TK_EXPECT_CONTAINS(twice.err, "shard 0 of 4 is given twice");
  const auto unreadable = run_process(testkit_run, {"--merge", path_in_tmp("none.json")});
  TK_EXPECT_EQ(unreadable.exit_code, 2);
  TK_EXPECT_CONTAINS(unreadable.err, "cannot read");
  const auto bad_path = run_process(testkit_run, {"--merge", first, "--json", "/nonexistent/merged.json"});
  TK_EXPECT_EQ(bad_path.exit_code, 2);
  TK_EXPECT_CONTAINS(bad_path.err, "cannot write the JSON report to '/nonexistent/merged.json'");
  TK_EXPECT(!std::filesystem::exists(out), "no report is written from shards that do not make one run");
}

}  // namespace
