// valgrind's memcheck as the judge of a plain test binary (scenario_valgrind): with --valgrind (testkit-run starts
// each test under valgrind, its report in the test's stderr) and as `valgrind ./scenario_valgrind` (the forked
// test processes stay under valgrind), memcheck's errors make MEMORY and its leaks LEAK, each in its own test.
#include <chrono>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "report_tests.hpp"
#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;

// valgrind as this run finds it (on PATH); skips the test when it is not installed, or when the scenario is built
// with a sanitizer (whose runtime does not run under valgrind).
std::string installed_valgrind() {
  if (sanitized) TK_SKIP("the scenarios are built with a sanitizer, which does not run under valgrind");
  const testkit::selftest::ProcessResult which = run_scenario("/bin/sh", {"-c", "command -v valgrind"});
  if (which.exit_code != 0 || last_line(which.out).empty())
    TK_SKIP("valgrind is not installed (scripts/install-deps installs it)");
  return last_line(which.out);
}

using ValgrindRun = ReportedRun;

// Runs `command` (a program and its arguments, scenario_valgrind among them) with a JSON report, on two job slots.
ValgrindRun run_valgrind_scenario(std::vector<std::string> command) {
  const std::string program = command.front();
  command.erase(command.begin());
  command.insert(command.end(), {"--color", "never", "-j", "2"});
  return run_with_json_report(program.c_str(), std::move(command), {.timeout = 180s});
}

std::string stderr_of(const ReportTests& tests, const std::string& name) {
  const auto test = tests.find(name);
  if (test == tests.end() || !test->second.contains("stderr")) return "";
  return test->second.at("stderr").value("text", "");
}

// What both ways of running under valgrind must give: each test's verdict, the failures naming memcheck's count and
// where its report is, and that report where valgrind logs: each test's own stderr under --valgrind
// (`in_each_tests_stderr`), else the run's.
void expect_memcheck_verdicts(const ValgrindRun& run, bool in_each_tests_stderr) {
  const auto report_of = [&](const std::string& name) {
    return in_each_tests_stderr ? stderr_of(run.tests, name) : run.process.err;
  };
  const ReportTests& tests = run.tests;
  TK_EXPECT_EQ(run.process.exit_code, 1, "{}\n{}", run.process.out, run.process.err);
  TK_EXPECT_EQ(verdict_of(tests, "Valgrind.leaks_three_nodes"), "leaked", "{}", run.process.out);
  const std::vector<std::string> leak = failures_of(tests, "Valgrind.leaks_three_nodes");
  TK_ASSERT_FALSE(leak.empty());
  // (How many of the three nodes are lost depends on what stale registers and stack slots still point to.)
  TK_EXPECT_CONTAINS(leak.front(), "[test] memcheck found ");
  TK_EXPECT_CONTAINS(leak.front(), " bytes definitely or indirectly lost since the test started");
  const std::string leak_stderr = report_of("Valgrind.leaks_three_nodes");
  TK_EXPECT_CONTAINS(leak_stderr, "are definitely lost in loss record");
  TK_EXPECT_CONTAINS(leak_stderr, "push_front_without_owner");

  TK_EXPECT_EQ(verdict_of(tests, "Valgrind.reads_freed_memory"), "memory_error", "{}", run.process.out);
  const std::vector<std::string> error = failures_of(tests, "Valgrind.reads_freed_memory");
  TK_ASSERT_FALSE(error.empty());
  TK_EXPECT_CONTAINS(error.back(), "memcheck counted 1 error during the test");
  TK_EXPECT_CONTAINS(report_of("Valgrind.reads_freed_memory"), "Invalid read of size 4");
  TK_EXPECT_EQ(stderr_of(tests, "Valgrind.frees_what_it_allocates"), "", "no report in the clean test's stderr");

  TK_EXPECT_EQ(verdict_of(tests, "Valgrind.frees_what_it_allocates"), "passed", "{}", run.process.out);
  TK_EXPECT_CONTAINS(run.process.out, "LEAK  Valgrind.leaks_three_nodes");
  TK_EXPECT_CONTAINS(run.process.out, "MEMORY Valgrind.reads_freed_memory");
  TK_EXPECT_CONTAINS(run.process.out, "memcheck's report is in the test's stderr under --valgrind");
}

// --valgrind on the test binary's command line: testkit-run starts each test under valgrind.
TK_TEST(Valgrind, the_option_judges_each_test_by_memcheck) {
  (void)installed_valgrind();
  expect_memcheck_verdicts(run_valgrind_scenario({scenario_valgrind, "--valgrind"}), /*in_each_tests_stderr=*/true);
}

// The test binary started under valgrind: its forked test processes are judged the same way, and memcheck's report
// goes where valgrind logs, the run's stderr.
TK_TEST(Valgrind, a_binary_started_under_valgrind_judges_each_test) {
  const std::string valgrind = installed_valgrind();
  expect_memcheck_verdicts(run_valgrind_scenario({valgrind, "-q", "--leak-check=no", scenario_valgrind}),
                           /*in_each_tests_stderr=*/false);
}

// The run's timeout is scaled by 20 for valgrind, once: 10 ms become 0.2 s, which valgrind's start-up alone outlasts.
TK_TEST(Valgrind, the_option_scales_the_timeout_once) {
  (void)installed_valgrind();
  const testkit::selftest::ProcessResult run = run_scenario(
      scenario_valgrind,
      {"--valgrind", "--color", "never", "--filter", "Valgrind.frees_what_it_allocates", "--timeout", "0.01"},
      {.unset_env = {"TESTKIT_TIMEOUT_SCALE"}, .timeout = 60s});  // run_scenario sets a scale of 1 otherwise
  TK_EXPECT_EQ(run.exit_code, 1, "{}\n{}", run.out, run.err);
  TK_EXPECT_CONTAINS(run.out, "timed out after 0.2 s");
}

// Without valgrind on PATH, --valgrind is a usage error that says so: nothing runs.
TK_TEST(Valgrind, the_option_without_valgrind_is_a_usage_error) {
  const testkit::selftest::ProcessResult run =
      run_scenario(scenario_valgrind, {"--valgrind"}, {.set_env = {{"PATH", "/nonexistent"}}});
  TK_EXPECT_EQ(run.exit_code, 2, "{}\n{}", run.out, run.err);
  TK_EXPECT_CONTAINS(run.err, "--valgrind runs every test under valgrind, which is not installed");
  TK_EXPECT_FALSE(run.out.find("PASS") != std::string::npos, "{}", run.out);
}

}  // namespace
