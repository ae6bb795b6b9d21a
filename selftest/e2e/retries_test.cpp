// --retries end to end (scenario_retries): a failing test runs again, in a fresh process each attempt when forked
// (from its class's host for a fixture class), with the whole timeout each time; one that passes later is FLAKY in
// the console and every report, and fails the run only with --flaky-fails; one that fails every attempt keeps every
// attempt. `.retries` overrides --retries. The same holds under --no-fork (one thread and a pool) and through
// testkit-run. With --repeat, the console and the JSON report give the pass ratio of each repeated test.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;
using testkit::selftest::run_process;
using Json = nlohmann::json;

// One run of scenario_retries (or testkit-run with it) with fresh attempt counters and every report.
struct RetryRun {
  testkit::selftest::ProcessResult process;
  std::string dir;                    // the counters and the reports
  Json json;                          // the JSON report
  std::map<std::string, Json> tests;  // its tests by full name (the last result of a repeated test)
};

// Runs `binary` (prefixed by `runner` arguments, for testkit-run) with `arguments`, writing every report.
RetryRun run_retries(testkit::TestCase& test, std::vector<std::string> arguments, bool through_testkit_run = false) {
  static int runs = 0;
  RetryRun run;
  run.dir = temporary_path(test, "retries" + std::to_string(++runs));
  std::filesystem::create_directory(run.dir);
  test.add_cleanup([dir = run.dir] { std::filesystem::remove_all(dir); });
  arguments.insert(arguments.end(), {"--color", "never", "--deterministic", "--json", run.dir + "/r.json",
                                     "--junit-xml", run.dir + "/r.xml", "--tap", run.dir + "/r.tap"});
  if (through_testkit_run) arguments.insert(arguments.begin(), scenario_retries);
  run.process = run_scenario(through_testkit_run ? testkit_run : scenario_retries, arguments,
                             {.set_env = {{"TK_SCENARIO_RETRY_DIR", run.dir}}, .timeout = 60s});
  bool found = false;
  const std::string text = read_file(run.dir + "/r.json", &found);
  TK_ASSERT(found, "no JSON report; stdout: {} stderr: {}", run.process.out, run.process.err);
  run.json = Json::parse(text);
  for (const Json& result : run.json.at("tests")) run.tests[result.at("full_name").get<std::string>()] = result;
  return run;
}

// The verdicts of `run`'s JSON report attempt by attempt: "failed,crashed,flaky".
std::string attempt_verdicts(const RetryRun& run, const std::string& name) {
  const Json& test = run.tests.at(name);
  std::string out;
  for (const Json& attempt : test.value("attempts", Json::array()))
    out += attempt.at("verdict").get<std::string>() + ",";
  return out + test.at("verdict").get<std::string>();
}

// xmllint's verdict on a JUnit file: empty when it is valid against junit-10.xsd, else what xmllint said.
std::string junit_problems(const std::string& path) {
  const auto lint = run_process(
      "/usr/bin/xmllint", {"--noout", "--schema", std::string(project_dir) + "/selftest/schemas/junit-10.xsd", path});
  return lint.exit_code == 0 ? std::string() : lint.err;
}

// Checks what every mode must agree on, for the tests that `run` ran with --retries 2.
void check_common_verdicts(const RetryRun& run, bool forked = true) {
  TK_EXPECT_EQ(attempt_verdicts(run, "Retries.passes"), "passed");
  TK_EXPECT_EQ(attempt_verdicts(run, "Retries.flaky_twice"), "failed,failed,flaky");
  TK_EXPECT_EQ(attempt_verdicts(run, "Retries.always_fails"), "failed,failed,failed");
  TK_EXPECT_EQ(attempt_verdicts(run, "Retries.never_again"), "failed", ".retries = 0 overrides --retries 2");
  TK_EXPECT_EQ(attempt_verdicts(run, "Retries.own_retries"), "failed,failed,failed,flaky",
               ".retries = 3 overrides --retries 2");
  TK_EXPECT_EQ(attempt_verdicts(run, "RetriedClass.flaky_once"), "failed,flaky");
  TK_EXPECT_EQ(attempt_verdicts(run, "RetriedClass.passes"), "passed");
  // Each attempt keeps its own failures and output.
  const Json& always = run.tests.at("Retries.always_fails");
  for (int index = 0; index < 2; ++index) {
    const Json& attempt = always.at("attempts").at(index);
    TK_EXPECT_EQ(attempt.at("attempt"), index + 1);
    TK_EXPECT_EQ(attempt.at("failures").at(0).at("message"), "fails on attempt " + std::to_string(index + 1));
    if (forked)  // in-process tests write to the runner's own stdout
      TK_EXPECT_EQ(attempt.at("stdout").at("text"), "attempt " + std::to_string(index + 1) + " of always_fails\n");
  }
  TK_EXPECT_EQ(always.at("failures").at(0).at("message"), "fails on attempt 3");
  TK_EXPECT_EQ(run.json.at("tally").at("flaky"), run.tests.contains("Retries.crashes_then_passes") ? 5 : 3);
}

TK_TEST(Retries, forked_failing_tests_run_again_in_fresh_processes) {
  const RetryRun run = run_retries(*this, {"--retries", "2", "-j", "2"});
  TK_EXPECT_EQ(run.process.exit_code, 1, "always_fails and never_again fail; stderr: {}", run.process.err);
  check_common_verdicts(run);
  TK_EXPECT_EQ(attempt_verdicts(run, "Retries.crashes_then_passes"), "crashed,flaky");
  // The first attempt overran its timeout; the second had the whole timeout again.
  TK_EXPECT_EQ(attempt_verdicts(run, "Retries.slow_then_passes"), "timed_out,flaky");

  const std::string& out = run.process.out;
  TK_EXPECT_CONTAINS(out, "FLAKY Retries.flaky_twice (passed on attempt 3 of 3)\n");
  TK_EXPECT_CONTAINS(out, "FLAKY Retries.own_retries (passed on attempt 4 of 4)\n");
  TK_EXPECT_CONTAINS(out, "FAIL  Retries.always_fails (ended on attempt 3 of 3)\n");
  const std::string flaky = report_of(out, "Retries.flaky_twice");
  TK_EXPECT_CONTAINS(flaky, "  attempt 1: FAIL\n");
  TK_EXPECT_CONTAINS(flaky, "  attempt 2: FAIL\n");
  TK_EXPECT_CONTAINS(flaky, "fails on its first two attempts");
  TK_EXPECT_CONTAINS(flaky, "| attempt 2 of flaky_twice");
  TK_EXPECT_CONTAINS(report_of(out, "Retries.crashes_then_passes"), "  attempt 1: CRASH\n");
  const std::string always = report_of(out, "Retries.always_fails");
  TK_EXPECT_CONTAINS(always, "  attempt 3: FAIL\n");
  TK_EXPECT_CONTAINS(always, "fails on attempt 3");
  TK_EXPECT_CONTAINS(out, "Flaky tests (failed, then passed when run again):\n  Retries.flaky_twice\n");
  TK_EXPECT_CONTAINS(out, "(5 flaky tests counted as passed)\n");
  TK_EXPECT_EQ(last_line(out), "7 passed, 2 failed, 0 skipped");

  // JUnit as Maven Surefire writes reruns, valid against the schema.
  const std::string junit = read_file(run.dir + "/r.xml");
  TK_EXPECT_EQ(junit_problems(run.dir + "/r.xml"), "");
  const std::string source = std::string(source_dir) + "/scenario_retries.cpp";
  TK_EXPECT_CONTAINS(junit, fmt::format("<flakyFailure message=\"scenario_retries.cpp:{}: TK_EXPECT_GE(number, 3)\" "
                                        "type=\"failed\">",
                                        line_number_of(source, "TK_EXPECT_GE(number, 3")));
  TK_EXPECT_CONTAINS(junit, fmt::format("<flakyError message=\"scenario_retries.cpp:{}: crashed: SIGSEGV (signal 11)\" "
                                        "type=\"crashed\">",
                                        line_number_of(source, "TK_TEST(Retries, crashes_then_passes)")));
  TK_EXPECT_CONTAINS(junit, "<stackTrace>");
  TK_EXPECT_CONTAINS(junit, "<system-out>attempt 1 of flaky_twice\n</system-out>");
  TK_EXPECT_CONTAINS(junit, "<rerunFailure message=");
  TK_EXPECT_CONTAINS(junit, "failures=\"2\" errors=\"0\"");

  // TAP: a flaky test is ok for every consumer.
  const auto prove = run_process("/usr/bin/prove", {"--exec", "/bin/cat", run.dir + "/r.tap"});
  TK_EXPECT_CONTAINS(prove.out, "Failed 2/9 subtests");
  const std::string tap = read_file(run.dir + "/r.tap");
  TK_EXPECT_CONTAINS(tap, "ok 2 - Retries.flaky_twice # flaky: passed on attempt 3 of 3\n");
}

TK_TEST(Retries, a_flaky_test_passes_the_run_unless_flaky_fails) {
  const std::vector<std::string> flaky_only = {"--retries", "2", "--filter", "Retries.flaky_twice"};
  const RetryRun passing = run_retries(*this, flaky_only);
  TK_EXPECT_EQ(passing.process.exit_code, 0, "stderr: {}", passing.process.err);
  TK_EXPECT_EQ(last_line(passing.process.out), "1 passed, 0 failed, 0 skipped");
  std::vector<std::string> strict = flaky_only;
  strict.push_back("--flaky-fails");
  const RetryRun failing = run_retries(*this, strict);
  TK_EXPECT_EQ(failing.process.exit_code, 1);
  TK_EXPECT_CONTAINS(failing.process.out, "(1 flaky test counted as passed; --flaky-fails fails the run)\n");
  TK_EXPECT_EQ(attempt_verdicts(failing, "Retries.flaky_twice"), "failed,failed,flaky");
  // Without --retries the same test fails: nothing but a passing attempt makes it pass.
  const RetryRun once = run_retries(*this, {"--filter", "Retries.flaky_twice"});
  TK_EXPECT_EQ(once.process.exit_code, 1);
  TK_EXPECT_EQ(attempt_verdicts(once, "Retries.flaky_twice"), "failed");
  TK_EXPECT(!once.json.at("tests").at(0).contains("attempts"));
}

TK_TEST(Retries, in_process_on_one_thread_and_on_a_pool) {
  for (const char* jobs : {"1", "3"}) {
    const RetryRun run =
        run_retries(*this, {"--no-fork", "-j", jobs, "--retries", "2", "--filter",
                            "Retries.*:RetriedClass.*-Retries.crashes_then_passes:Retries.slow_then_passes"});
    TK_EXPECT_EQ(run.process.exit_code, 1, "-j {}; stderr: {}", jobs, run.process.err);
    check_common_verdicts(run, /*forked=*/false);
    TK_EXPECT_CONTAINS(run.process.out, "FLAKY Retries.flaky_twice (passed on attempt 3 of 3)\n", "-j {}", jobs);
  }
}

TK_TEST(Retries, through_testkit_run) {
  const RetryRun run = run_retries(*this, {"--retries", "2"}, /*through_testkit_run=*/true);
  TK_EXPECT_EQ(run.process.exit_code, 1, "stderr: {}", run.process.err);
  check_common_verdicts(run);
  TK_EXPECT_EQ(attempt_verdicts(run, "Retries.crashes_then_passes"), "crashed,flaky");
  TK_EXPECT_CONTAINS(run.process.out, "FLAKY Retries.crashes_then_passes (passed on attempt 2 of 3)\n");
}

TK_TEST(Retries, bad_retries_are_usage_errors) {
  for (const char* value : {"-1", "x", "1.5", "", "1001"}) {
    const auto result = run_scenario(scenario_retries, {"--retries=" + std::string(value)});
    TK_EXPECT_EQ(result.exit_code, 2, "--retries={}", value);
    TK_EXPECT_CONTAINS(result.err, "--retries", "--retries={}", value);
    TK_EXPECT(lines_starting_with(result.out, "Running").empty(), "no test ran with --retries={}", value);
  }
}

TK_TEST(Retries, repeat_gives_each_tests_pass_ratio) {
  // flaky_twice fails its first two runs and passes the third; passes passes only its first (it expects attempt 1).
  // One job: two runs of a test at once would both read the same attempt count.
  const RetryRun run =
      run_retries(*this, {"--repeat", "3", "-j", "1", "--filter", "Retries.flaky_twice:Retries.passes"});
  TK_EXPECT_EQ(run.process.exit_code, 1);
  const Json& ratios = run.json.at("pass_ratios");
  TK_ASSERT_EQ(ratios.size(), 2u);
  TK_EXPECT_EQ(ratios.at(0).at("full_name"), "Retries.passes");
  TK_EXPECT_EQ(ratios.at(0).at("pass_ratio"), Json({{"passed", 1}, {"runs", 3}}));
  TK_EXPECT_EQ(ratios.at(1).at("full_name"), "Retries.flaky_twice");
  TK_EXPECT_EQ(ratios.at(1).at("pass_ratio"), Json({{"passed", 1}, {"runs", 3}}));
  TK_EXPECT_CONTAINS(run.process.out,
                     "Tests that did not pass every run:\n  Retries.passes: passed 1 of 3 runs\n"
                     "  Retries.flaky_twice: passed 1 of 3 runs\n");
  // A test that passed every run has no line; a run without --repeat has no ratios.
  const RetryRun steady = run_retries(*this, {"--repeat", "2", "--filter", "RetriedClass.passes"});
  TK_EXPECT_EQ(steady.json.at("pass_ratios").at(0).at("pass_ratio"), Json({{"passed", 2}, {"runs", 2}}));
  TK_EXPECT(steady.process.out.find("did not pass every run") == std::string::npos);
  TK_EXPECT(!run_retries(*this, {"--filter", "RetriedClass.passes"}).json.contains("pass_ratios"));
}

}  // namespace
