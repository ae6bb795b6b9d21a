// testkit::run_tests from the outside: scenario_run_tests is README's example, a main() that runs its tests twice with
// different options (forked with a JSON report, then in-process) and goes on to print both outcomes.
#include <algorithm>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;

TK_TEST(RunTestsProgram, runs_twice_with_different_options_and_goes_on) {
  const std::string work = testkit::tmp_path().string();
  const auto result = run_scenario(scenario_run_tests, {}, {.working_directory = work});
  TK_EXPECT_EQ(result.exit_code, 0, "stdout: {}\nstderr: {}", result.out, result.err);
  TK_EXPECT_CONTAINS(result.out, "2 passed, 0 failed, 0 skipped\n");
  TK_EXPECT_CONTAINS(result.out, "0 passed, 1 failed, 0 skipped\n");
  std::vector<std::string> verdicts = verdicts_of(result.out);
  std::sort(verdicts.begin(),
            verdicts.begin() + std::min<std::ptrdiff_t>(2, std::ssize(verdicts)));  // forked: any order
  TK_EXPECT_EQ(verdicts, (std::vector<std::string>{"PASS Math.adds", "PASS Math.divides", "FAIL Text.joins"}));
  // What main() printed after both runs returned.
  TK_EXPECT_CONTAINS(result.out, "Math: exit code 0, 2 passed\nText.joins: failed\n");
  // The first run's report holds its tests only, and the second run wrote none.
  const auto report = nlohmann::json::parse(read_file(work + "/math.json"));
  TK_EXPECT_EQ(report["tests"].size(), 2u);
  TK_EXPECT_EQ(report["tally"]["failed"], 0);
  std::vector<std::string> written;
  for (const auto& entry : std::filesystem::directory_iterator(work))
    if (entry.path() != cache_dir()) written.push_back(entry.path().filename().string());  // the runs' result cache
  TK_EXPECT_EQ(written, std::vector<std::string>{"math.json"});
}

}  // namespace
