// The result cache end to end (scenario_cache): --last-failed and --failed-first after a run with a failure, where
// the cache goes (beside the binary, --cache-dir, TESTKIT_CACHE_DIR, testkit-run's test binary), --no-cache, the
// warnings of a corrupt or unwritable cache, and the slowest-first schedule of a parallel run.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;
using Json = nlohmann::json;
using Names = std::vector<std::string>;

const Names every_test{"PASS Cache.first",  "FAIL Cache.fails", "PASS Cache.quick_a", "PASS Cache.quick_b",
                       "PASS Hosted.quick", "PASS Cache.slow",  "PASS Hosted.slow"};

/// Runs scenario_cache on one job with `arguments` and returns its process.
testkit::selftest::ProcessResult run(std::vector<std::string> arguments, testkit::selftest::ProcessSetup setup = {}) {
  arguments.insert(arguments.end(), {"--color", "never", "-j", "1"});
  setup.timeout = 60s;
  return run_scenario(scenario_cache, arguments, std::move(setup));
}

std::filesystem::path cache_file() { return cache_dir() / "scenario_cache.json"; }

/// The cache's entries in `file`, by full name.
Json cached_tests(const std::filesystem::path& file) {
  bool found = false;
  const std::string text = read_file(file.string(), &found);
  TK_ASSERT(found, "no cache file {}", file.string());
  return Json::parse(text).at("tests");
}

TK_TEST(Cache, a_run_records_every_verdict_and_duration) {
  const auto first = run({});
  TK_EXPECT_EQ(first.exit_code, 1);
  const Json tests = cached_tests(cache_file());
  TK_EXPECT_EQ(tests.size(), 7u);
  TK_EXPECT_EQ(tests.at("Cache.fails").at(0), "failed");
  TK_EXPECT_EQ(tests.at("Cache.first").at(0), "passed");
  TK_EXPECT_GE(tests.at("Hosted.slow").at(1).get<double>(), 500'000, "microseconds");
}

TK_TEST(Cache, last_failed_runs_only_the_test_that_failed_until_it_passes) {
  TK_EXPECT_EQ(run({}).exit_code, 1);
  const auto again = run({"--lf"});
  TK_EXPECT_EQ(again.exit_code, 1);
  TK_EXPECT_EQ(verdicts_of(again.out), Names{"FAIL Cache.fails"});
  TK_EXPECT_CONTAINS(again.out, "--last-failed: running the 1 that failed in their last recorded run");
  const auto fixed = run({"--last-failed"}, {.set_env = {{"TK_SCENARIO_CACHE_FIXED", "1"}}});
  TK_EXPECT_EQ(fixed.exit_code, 0);
  TK_EXPECT_EQ(verdicts_of(fixed.out), Names{"PASS Cache.fails"});
  const auto all = run({"--lf"}, {.set_env = {{"TK_SCENARIO_CACHE_FIXED", "1"}}});
  TK_EXPECT_EQ(all.exit_code, 0);
  TK_EXPECT_EQ(verdicts_of(all.out).size(), every_test.size());
  TK_EXPECT_CONTAINS(all.out, "--last-failed: no test failed in its last recorded run, running all 7");
}

TK_TEST(Cache, a_filtered_run_keeps_the_failures_of_the_tests_it_left_out) {
  TK_EXPECT_EQ(run({}).exit_code, 1);
  TK_EXPECT_EQ(run({"--filter", "Cache.first:Hosted.*"}).exit_code, 0);
  TK_EXPECT_EQ(verdicts_of(run({"--lf"}).out), Names{"FAIL Cache.fails"});
  TK_EXPECT_EQ(verdicts_of(run({"--lf", "--filter", "Cache.f*"}).out), Names{"FAIL Cache.fails"});
  TK_EXPECT_EQ(verdicts_of(run({"--lf", "--filter", "Cache.first"}).out), Names{"PASS Cache.first"},
               "none of the selected tests failed: they all run");
}

TK_TEST(Cache, failed_first_runs_everything_with_the_failure_first) {
  TK_EXPECT_EQ(verdicts_of(run({}).out), every_test);
  const std::string report = temporary_path(*this, "ff.json");
  const auto again = run({"--ff", "--json", report});
  TK_EXPECT_EQ(again.exit_code, 1);
  const Names failure_first{"FAIL Cache.fails",  "PASS Cache.first", "PASS Cache.quick_a", "PASS Cache.quick_b",
                            "PASS Hosted.quick", "PASS Cache.slow",  "PASS Hosted.slow"};
  TK_EXPECT_EQ(verdicts_of(again.out), failure_first);
  Names in_report;
  const Json parsed = Json::parse(read_file(report));
  for (const Json& test : parsed.at("tests")) in_report.push_back(test.at("full_name").get<std::string>());
  TK_ASSERT_EQ(in_report.size(), every_test.size());
  TK_EXPECT_EQ(in_report.front(), "Cache.fails");
}

TK_TEST(Cache, the_cache_goes_beside_the_binary_unless_told) {
  // The one test that lets scenario_cache keep its cache in the build tree (a copy of the binary elsewhere would not
  // find its libraries under Meson's $ORIGIN run paths).
  const std::filesystem::path beside = std::filesystem::path(scenario_cache).parent_path() / ".testkit";
  std::filesystem::remove(beside / "scenario_cache.json");
  const auto ran = testkit::selftest::run_process(
      scenario_cache, {"--filter", "Cache.first", "--color", "never"},
      {.unset_env = {"TESTKIT_CACHE_DIR", "GTEST_FILTER", "TESTBRIDGE_TEST_ONLY"}, .timeout = 60s});
  TK_EXPECT_EQ(ran.exit_code, 0, "{}", ran.err);
  TK_EXPECT(cached_tests(beside / "scenario_cache.json").contains("Cache.first"));
  TK_EXPECT_FALSE(std::filesystem::exists(cache_dir()));
}

TK_TEST(Cache, cache_dir_chooses_the_directory) {
  const std::filesystem::path mine = testkit::tmp_path() / "mine";
  TK_EXPECT_EQ(run({"--cache-dir", mine.string()}).exit_code, 1);
  TK_EXPECT_EQ(cached_tests(mine / "scenario_cache.json").at("Cache.fails").at(0), "failed");
  TK_EXPECT_FALSE(std::filesystem::exists(cache_dir()), "the environment's directory is not used");
  TK_EXPECT_EQ(verdicts_of(run({"--lf", "--cache-dir", mine.string()}).out), Names{"FAIL Cache.fails"});
  TK_EXPECT_EQ(verdicts_of(run({"--lf"}).out).size(), every_test.size(), "the other directory knows no failure");
}

TK_TEST(Cache, no_cache_neither_writes_nor_reads) {
  TK_EXPECT_EQ(run({"--no-cache"}).exit_code, 1);
  TK_EXPECT_FALSE(std::filesystem::exists(cache_dir()));
  TK_EXPECT_EQ(run({}).exit_code, 1);
  const std::string before = read_file(cache_file().string());
  const auto ignored = run({"--no-cache", "--filter", "Cache.first"});
  TK_EXPECT_EQ(verdicts_of(ignored.out), Names{"PASS Cache.first"});
  TK_EXPECT_EQ(read_file(cache_file().string()), before);
  const auto refused = run({"--no-cache", "--lf"});
  TK_EXPECT_EQ(refused.exit_code, 2);
  TK_EXPECT_CONTAINS(refused.err, "--no-cache");
}

TK_TEST(Cache, an_unwritable_cache_dir_warns_and_the_run_keeps_its_exit_code) {
  const std::filesystem::path blocker = testkit::tmp_path() / "a_file";
  std::ofstream(blocker) << "";
  const auto passing = run({"--filter", "Cache.first", "--cache-dir", (blocker / "cache").string()});
  TK_EXPECT_EQ(passing.exit_code, 0);
  TK_EXPECT_CONTAINS(passing.err, "testkit: cannot write the result cache " + (blocker / "cache").string());
  TK_EXPECT_EQ(last_line(passing.out), "1 passed, 0 failed, 0 skipped");
}

TK_TEST(Cache, a_corrupt_cache_warns_runs_everything_and_is_rewritten) {
  std::filesystem::create_directories(cache_dir());
  std::ofstream(cache_file()) << "{\"schema\": \"testkit-cache\", \"tests\": {\"Cache.fails\"";
  const auto run_over = run({"--lf"});
  TK_EXPECT_EQ(run_over.exit_code, 1);
  TK_EXPECT_EQ(lines_starting_with(run_over.err, "testkit: ignoring the result cache").size(), 1u, "{}", run_over.err);
  TK_EXPECT_EQ(verdicts_of(run_over.out).size(), every_test.size());
  TK_EXPECT_EQ(cached_tests(cache_file()).size(), every_test.size());
}

// A selection of one test or none has one order: even --failed-first does not read the cache (so says nothing of a
// corrupt one), and the run still records its test in it.
TK_TEST(Cache, a_run_of_one_test_or_none_does_not_read_the_cache) {
  std::filesystem::create_directories(cache_dir());
  std::ofstream(cache_file()) << "{\"schema\": \"testkit-cache\", \"tests\": {\"Cache.fails\"";
  const auto none = run({"--filter", "none", "--ff"});
  TK_EXPECT_EQ(none.exit_code, 5);
  TK_EXPECT_EQ(lines_starting_with(none.err, "testkit: ignoring the result cache").size(), 0u, "{}", none.err);
  const auto one = run({"--filter", "Cache.first", "--ff"});
  TK_EXPECT_EQ(one.exit_code, 0);
  TK_EXPECT_EQ(lines_starting_with(one.err, "testkit: ignoring the result cache").size(), 0u, "{}", one.err);
  TK_EXPECT_EQ(cached_tests(cache_file()).size(), 1u);
}

TK_TEST(Cache, testkit_run_keeps_the_cache_of_the_test_binary) {
  const auto first = run_scenario(testkit_run, {scenario_cache, "--color", "never"}, {.timeout = 60s});
  TK_EXPECT_EQ(first.exit_code, 1, "{}", first.err);
  TK_EXPECT_EQ(cached_tests(cache_file()).at("Cache.fails").at(0), "failed");
  const auto again = run_scenario(testkit_run, {scenario_cache, "--lf", "--color", "never"}, {.timeout = 60s});
  TK_EXPECT_EQ(verdicts_of(again.out), Names{"FAIL Cache.fails"});
}

TK_TEST(Cache, list_shows_what_last_failed_would_run_and_writes_nothing) {
  const auto listed = run({"--list", "--lf"});
  TK_EXPECT_EQ(listed.exit_code, 0);
  TK_EXPECT_FALSE(std::filesystem::exists(cache_dir()));
  TK_EXPECT_EQ(run({}).exit_code, 1);
  TK_EXPECT_EQ(lines_of(run({"--list", "--lf"}).out), Names{"Cache.fails"});
  const Names registered{"Cache.first",  "Cache.fails", "Cache.quick_a", "Cache.quick_b",
                         "Hosted.quick", "Cache.slow",  "Hosted.slow"};
  TK_EXPECT_EQ(lines_of(run_scenario(scenario_cache, {"--list", "-j", "2"}).out), registered,
               "the durations order runs, not listings");
}

/// The full names of a JSON report's tests, from the first to start to the last.
Names by_start(const std::string& report) {
  std::vector<std::pair<double, std::string>> started;
  const Json parsed = Json::parse(read_file(report));
  for (const Json& test : parsed.at("tests"))
    started.emplace_back(test.at("started_s").get<double>(), test.at("full_name").get<std::string>());
  std::ranges::stable_sort(started);
  Names names;
  for (const auto& [at, name] : started) names.push_back(name);
  return names;
}

/// Runs the scenario twice on two jobs with `mode`: once knowing no duration, once knowing them all. Returns the order
/// in which the tests started, cold and warm.
std::pair<Names, Names> cold_then_warm(testkit::TestCase& test, const std::vector<std::string>& mode) {
  std::pair<Names, Names> starts;
  for (Names* order : {&starts.first, &starts.second}) {
    const std::string report = temporary_path(test, order == &starts.first ? "cold.json" : "warm.json");
    std::vector<std::string> arguments{"-j", "2", "--color", "never", "--json", report};
    arguments.insert(arguments.end(), mode.begin(), mode.end());
    const auto ran = run_scenario(scenario_cache, arguments, {.timeout = 60s});
    TK_EXPECT_EQ(ran.exit_code, 1, "{}", ran.err);
    *order = by_start(report);
    TK_ASSERT_EQ(order->size(), every_test.size());
  }
  return starts;
}

TK_TEST(Cache, a_parallel_run_starts_the_tests_that_took_longest_first) {
  // Hosted's two tests stay together and in their order, weighed 620 ms; Cache.slow 600 ms; the rest 20 ms or less.
  const std::set<std::string> heavy{"Hosted.quick", "Hosted.slow", "Cache.slow"};
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, std::vector<std::string>{"--no-fork"}}) {
    std::filesystem::remove_all(cache_dir());
    const auto [cold, warm] = cold_then_warm(*this, mode);
    const std::string label = mode.empty() ? "forked (class hosts)" : "--no-fork";
    TK_EXPECT_GE(std::ranges::find(cold, "Cache.slow") - cold.begin(), 4,
                 "{}: in registration order Cache.slow, sixth of seven, starts after four others", label);
    TK_EXPECT_EQ((std::set<std::string>{warm[0], warm[1], warm[2]}), heavy,
                 "{}: the slow tests start first once known: {} {} {}", label, warm[0], warm[1], warm[2]);
  }
}

}  // namespace
