// testkit-run, the runner that links no code under test, against submissions written to cheat: code that runs before
// main or at exit (contained by --sandbox, which hands the run to testkit-run), and a registry rewritten before main
// (defeated by --tests-from, the listing of a trusted build).
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/core/registry.hpp>
#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
namespace fs = std::filesystem;
using Json = nlohmann::json;

struct StartupRun {
  testkit::selftest::ProcessResult process{};
  std::string victim{};  ///< the grader's file after the run
  Json report{};         ///< the JSON report after the run (null when it does not parse)
};

// Runs scenario_startup with `options` and --json into the victims' directory, the grader's file fresh.
StartupRun run_startup(std::vector<std::string> options) {
  const fs::path victims = fs::path(scenario_startup).parent_path() / "startup_victims";
  fs::create_directories(victims);
  fs::permissions(victims, fs::perms::all);  // anyone may write there, nobody included: only the sandbox stops it
  std::ofstream(victims / "victim.txt", std::ios::trunc) << "precious";
  fs::permissions(victims / "victim.txt", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                              fs::perms::group_write | fs::perms::others_read |
                                              fs::perms::others_write);
  fs::remove(victims / "report.json");
  options.insert(options.end(), {"--color", "never", "--json", (victims / "report.json").string()});
  StartupRun run{.process = run_scenario(scenario_startup, options)};
  run.victim = read_file((victims / "victim.txt").string());
  run.report = Json::parse(read_file((victims / "report.json").string()), nullptr, false);
  return run;
}

// One test, not two: both runs aim at the same files beside the binary, and tests run at once.
TK_TEST(TrustedRunner, code_before_and_after_main_runs_confined_under_the_sandbox) {
  // Without the sandbox the attack is real: the grader's file is overwritten, the report says all passed.
  const StartupRun plain = run_startup({});
  TK_EXPECT_EQ(plain.victim, "overwritten before main");
  TK_EXPECT_EQ(plain.report["tally"]["failed"], 0, "the atexit hook rewrote the report: {}", plain.report.dump());
  TK_EXPECT_EQ(plain.process.exit_code, 1, "the console still told the truth: {}", plain.process.out);

  const StartupRun run = run_startup({"--sandbox", "--timeout", "10"});
  TK_EXPECT_EQ(run.victim, "precious", "stdout: {}\nstderr: {}", run.process.out, run.process.err);
  TK_ASSERT(!run.report.is_discarded(), "the report is the runner's and complete");
  TK_EXPECT_EQ(run.report["tally"]["passed"], 1);
  TK_EXPECT_EQ(run.report["tally"]["failed"], 1);
  TK_EXPECT_EQ(run.report["tests"].size(), 2u);
  TK_EXPECT(run.report.contains("sandbox"));
  TK_EXPECT_EQ(run.process.exit_code, 1);
  TK_EXPECT_EQ(last_line(run.process.out), "1 passed, 1 failed, 0 skipped");
}

TK_TEST(TrustedRunner, testkit_run_needs_a_binary_and_refuses_no_fork) {
  TK_EXPECT_EQ(run_scenario(testkit_run, {}).exit_code, 2);
  TK_EXPECT_EQ(run_scenario(testkit_run, {"/nonexistent/tests"}).exit_code, 2);
  const auto no_fork = run_scenario(testkit_run, {scenario_startup, "--no-fork"});
  TK_EXPECT_EQ(no_fork.exit_code, 2);
  TK_EXPECT_CONTAINS(no_fork.err, "--no-fork");
}

// A submission that rewrote the registry before main scores what it claims when the binary lists its own tests;
// with the listing of the trusted build, the grade is the tests' and the points' of that build.
TK_TEST(TrustedRunner, the_listing_of_a_trusted_build_decides_the_tests_and_their_points) {
  const std::string listing_path = temporary_path(*this, "reference.json");
  const auto listing = run_scenario(scenario_tamper_reference, {"--list=json"});
  TK_ASSERT_EQ(listing.exit_code, 0, "{}", listing.err);
  std::ofstream(listing_path) << listing.out;

  const auto score = [&](std::vector<std::string> arguments) {
    const std::string report = temporary_path(*this, "results.json");
    arguments.insert(arguments.end(), {"--sandbox", "--timeout", "10", "--color", "never", "--gradescope", report});
    const auto run = run_scenario(testkit_run, arguments);
    const Json results = Json::parse(read_file(report), nullptr, false);
    TK_ASSERT(!results.is_discarded(), "stdout: {}\nstderr: {}", run.out, run.err);
    return results;
  };
  const Json claimed = score({scenario_tamper});
  TK_EXPECT_EQ(claimed["score"], 150.0, "the tampered binary grades itself: {}", claimed.dump());
  const Json graded = score({"--tests-from", listing_path, scenario_tamper});
  TK_EXPECT_EQ(graded["score"], 1.0, "{}", graded.dump());
  TK_EXPECT_EQ(graded["max_score"], 3.0);
  TK_EXPECT_EQ(graded["tests"].size(), 2u, "the submission's own test is not graded");
}

}  // namespace

// The source of a hidden test, and what --sandbox-hide names, cannot be read by any sandboxed test; their neighbours
// and the system's files can.
TK_TEST(TrustedRunner, hidden_sources_and_hidden_paths_cannot_be_read_under_the_sandbox) {
  const fs::path hidden_dir = fs::path(scenario_hidden).parent_path() / "hidden_dir";
  fs::create_directories(hidden_dir);
  std::ofstream(hidden_dir / "answer.txt", std::ios::trunc) << "42";
  fs::permissions(hidden_dir, fs::perms::all);
  fs::permissions(hidden_dir / "answer.txt", fs::perms::all);  // readable by anyone: only the sandbox stops it
  const auto verdicts = [&](const std::vector<std::string>& options) {
    const std::string report_path = temporary_path(*this, "report.json");
    std::vector<std::string> arguments = options;
    arguments.insert(arguments.end(), {"--color", "never", "--json", report_path});
    const auto process = run_scenario(scenario_hidden, arguments);
    const Json report = Json::parse(read_file(report_path), nullptr, false);
    std::map<std::string, std::string> by_name;
    if (!report.is_discarded())
      for (const Json& test : report["tests"]) by_name[test["full_name"]] = test["verdict"];
    return std::pair{process, by_name};
  };

  // Without the sandbox every peek succeeds: the checks can fail.
  const auto [plain, plain_verdicts] = verdicts({});
  TK_EXPECT_EQ(plain_verdicts.at("Peek.the_hidden_tests_source"), "failed");
  TK_EXPECT_EQ(plain_verdicts.at("Peek.a_hidden_directory"), "failed");

  const auto [sandboxed, sandboxed_verdicts] = verdicts({"--sandbox", "--sandbox-hide", hidden_dir.string()});
  TK_ASSERT_EQ(sandboxed_verdicts.size(), 6u, "stdout: {}\nstderr: {}", sandboxed.out, sandboxed.err);
  for (const auto& [name, verdict] : sandboxed_verdicts)
    TK_EXPECT_EQ(verdict, "passed", "{}:\n{}", name, sandboxed.out);
  TK_EXPECT_CONTAINS(sandboxed.out, "reads: all but 2 hidden paths");
  TK_EXPECT_EQ(sandboxed.exit_code, 0);
}

TK_TEST(TrustedRunner, sandbox_hide_needs_the_sandbox_and_an_existing_path) {
  const auto without_sandbox = run_scenario(scenario_hidden, {"--sandbox-hide", "/etc"});
  TK_EXPECT_EQ(without_sandbox.exit_code, 2);
  TK_EXPECT_CONTAINS(without_sandbox.err, "needs --sandbox");
  const auto missing = run_scenario(scenario_hidden, {"--sandbox", "--sandbox-hide", "/nonexistent/solution"});
  TK_EXPECT_EQ(missing.exit_code, 2);
  TK_EXPECT_CONTAINS(missing.err, "cannot find /nonexistent/solution");
}
