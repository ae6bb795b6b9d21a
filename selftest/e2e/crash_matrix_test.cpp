// The crash matrix end to end: scenario_crashes holds one test per fault, each between passing tests; every
// fault must get its verdict and report, its neighbours must pass, every test must be reported once, and the
// run must end soon, whatever the tests did to their processes.
#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <testkit/testkit.hpp>

#include "pid_file.hpp"
#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;

const std::string crashes_source = std::string(source_dir) + "/scenario_crashes.cpp";

// The grandchild of Fault.grandchild_outlives_the_test sleeps 60 s: a run that waited for it would take that
// long. The run takes about 2 s, 10 s under ThreadSanitizer.
constexpr auto bounded_run_time = 25s;

// What the report of one fault must say: its verdict label, then words its indented lines must hold.
struct Expected {
  std::string_view test;
  std::string_view label;
  std::vector<std::string> words{};
};

std::vector<Expected> expected_reports() {
  const unsigned checkpoint = line_number_of(crashes_source, "TK_CHECKPOINT();  // crash_matrix_test.cpp");
  return {
      {"Fault.assertion_failure", "FAIL", {"TK_ASSERT_EQ(answer, 42)", "left:  41", "right: 42"}},
      {"Fault.segfault", "CRASH", {"crashed: SIGSEGV (signal 11)\n"}},
      {"Fault.abort", "CRASH", {"crashed: SIGABRT (signal 6)\n"}},
      {"Fault.terminate_in_a_thread",
       "CRASH",
       {"crashed: SIGABRT (signal 6)",
        "std::terminate called after throwing std::runtime_error: escaped from a thread"}},
      {"Fault.terminate_in_noexcept",
       "CRASH",
       {"crashed: SIGABRT (signal 6)",
        "std::terminate called after throwing std::logic_error: thrown through a noexcept function"}},
      {"Fault.throw_int", "FAIL", {"unknown exception of type int"}},
      {"Fault.subtest_failure", "FAIL", {"n=2", "TK_EXPECT_NE(n, 2)"}},
      {"Fault.exit_zero", "EXIT", {"exited with status 0 before the test ended"}},
      {"Fault.underscore_exit_three", "EXIT", {"exited with status 3 before the test ended"}},
      {"Fault.infinite_loop", "TIMEOUT", {"timed out after 0.5 s", "process group was killed"}},
      {"Fault.deadlock", "TIMEOUT", {"timed out after 0.5 s", "process group was killed"}},
      {"Fault.stack_overflow", "CRASH", {"crashed: SIGSEGV (signal 11) (stack overflow)"}},
      sanitized ? Expected{"Fault.bad_alloc_under_a_memory_limit", "SKIP"}
                : Expected{"Fault.bad_alloc_under_a_memory_limit", "FAIL", {"std::bad_alloc"}},
      {"Fault.flood_of_output", "PASS"},
      {"Fault.closes_stdout", "PASS"},
      {"Fault.stops_itself", "TIMEOUT", {"stopped by a signal (SIGSTOP or similar) and killed"}},
      {"Fault.grandchild_outlives_the_test", "PASS"},
      {"Fault.fork_without_exec",
       "FAIL",
       {"TK_FAIL\n", "message: the forked copy of the test process reports to the test"}},
      {"Fault.crash_after_checkpoint",
       "CRASH",
       {"crashed: SIGSEGV (signal 11)\n",
        "last passed assertion or checkpoint: ", fmt::format("scenario_crashes.cpp:{}\n", checkpoint)}},
  };
}

// The full names of the tests a run of scenario_crashes with `arguments` would run, in plan order.
std::vector<std::string> planned_tests(std::vector<std::string> arguments) {
  arguments.emplace_back("--list");
  std::vector<std::string> names;
  for (std::string& line : lines_of(run_scenario(scenario_crashes, arguments).out))
    names.push_back(line.substr(0, line.find(' ')));
  return names;
}

// The names of the tests a console output reports, in order.
std::vector<std::string> names_reported(const std::string& out) {
  std::vector<std::string> names;
  for (const Reported& test : reported_tests(out)) names.push_back(test.name);
  return names;
}

// Checks the reports of every test that `expected` names and that every other reported test passed.
void check_reports(const std::string& out, const std::vector<Expected>& expected) {
  for (const Expected& fault : expected) {
    TK_SUBTEST("{}", fault.test) {
      const std::string report = report_of(out, fault.test);
      TK_ASSERT(!report.empty(), "not reported");
      TK_EXPECT_EQ(reported_tests(report).front().label, fault.label, "report:\n{}", report);
      for (const std::string& word : fault.words) TK_EXPECT_CONTAINS(report, word);
      if (fault.label == "CRASH" && fault.test != "Fault.stack_overflow")
        TK_EXPECT_EQ(report.find("(stack overflow)"), std::string::npos, "report:\n{}", report);
    };
  }
  for (const Reported& test : reported_tests(out)) {
    const bool is_fault = std::ranges::any_of(expected, [&](const Expected& fault) { return fault.test == test.name; });
    if (!is_fault) TK_EXPECT_EQ(test.label, "PASS", "{}", test.name);
  }
}

TK_TEST_P(CrashMatrix, every_fault_gets_its_verdict_and_report, (std::vector<std::string>{"1", "4"})) {
  const std::string pid_file = temporary_path(*this, "crash_matrix.pids");
  const auto result = run_scenario(scenario_crashes, {"--deterministic", "--color", "never", "-j", param()},
                                   {.set_env = {{pid_file_variable, pid_file}}, .timeout = 40s});
  TK_ASSERT_FALSE(result.timed_out, "the run hung; its output so far:\n{}", result.out);
  TK_EXPECT_LT(result.elapsed, bounded_run_time, "the run waited for something it should have killed");
  TK_EXPECT_EQ(result.exit_code, 1, "stderr:\n{}", result.err);

  check_reports(result.out, expected_reports());
  const std::vector<std::string> reported = names_reported(result.out);
  TK_EXPECT_EQ(reported, planned_tests({}), "each test is reported once, in plan order");

  const std::size_t skipped = sanitized ? 1 : 0;
  const std::size_t failed = 16 - skipped;
  TK_EXPECT_EQ(last_line(result.out),
               fmt::format("{} passed, {} failed, {} skipped", reported.size() - failed - skipped, failed, skipped));
  TK_EXPECT_LT(result.out.size(), std::size_t{1} << 20, "the flood of output is not echoed");

  const std::vector<pid_t> grandchildren = pids_in(pid_file);
  TK_ASSERT_EQ(grandchildren.size(), 1u, "Fault.grandchild_outlives_the_test notes its grandchild's pid");
  TK_EXPECT(ends_within(grandchildren.front(), 2s), "the grandchild outlived the run");
}

TK_TEST(CrashMatrix, output_beyond_the_limit_is_a_flood) {
  const auto result = run_scenario(scenario_crashes, {"--deterministic", "--color", "never", "--output-limit", "10",
                                                      "--filter", "Calm.first:Fault.flood_of_output:Calm.last"});
  TK_EXPECT_EQ(result.exit_code, 1);
  check_reports(result.out, {{"Fault.flood_of_output", "FLOOD", {"more than the limit of 10485760"}}});
  TK_EXPECT_EQ(last_line(result.out), "2 passed, 1 failed, 0 skipped");
}

// Without fork only the faults a process survives can be run: a failed assertion, an exception, a subtest.
TK_TEST_P(CrashMatrix, survivable_faults_without_fork, (std::vector<std::string>{"1", "4"})) {
  const std::vector<std::string> selection{"--filter",
                                           "Calm.*:Fault.assertion_failure:Fault.throw_int:Fault.subtest_failure"};
  std::vector<std::string> arguments{"--no-fork", "--deterministic", "--color", "never", "-j", param()};
  arguments.insert(arguments.end(), selection.begin(), selection.end());
  const auto result = run_scenario(scenario_crashes, arguments, {.timeout = 25s});
  TK_ASSERT_FALSE(result.timed_out, "the run hung; its output so far:\n{}", result.out);
  TK_EXPECT_EQ(result.exit_code, 1, "stderr:\n{}", result.err);

  std::vector<Expected> expected;
  for (const Expected& fault : expected_reports())
    if (fault.test == "Fault.assertion_failure" || fault.test == "Fault.throw_int" ||
        fault.test == "Fault.subtest_failure")
      expected.push_back(fault);
  check_reports(result.out, expected);
  const std::vector<std::string> planned = planned_tests(selection);
  TK_EXPECT_EQ(names_reported(result.out), planned, "each test is reported once, in plan order");
  TK_EXPECT_EQ(last_line(result.out), fmt::format("{} passed, 3 failed, 0 skipped", planned.size() - 3));
}

TK_TEST(CrashMatrix, an_infinite_loop_without_fork_times_out_and_ends_the_run) {
  const auto result =
      run_scenario(scenario_crashes,
                   {"--no-fork", "--deterministic", "--color", "never", "--filter", "Calm.first:Fault.infinite_loop"},
                   {.timeout = 25s});
  TK_ASSERT_FALSE(result.timed_out, "the run hung; its output so far:\n{}", result.out);
  TK_EXPECT_LT(result.elapsed, 10s);
  TK_EXPECT_EQ(result.exit_code, 1, "stderr:\n{}", result.err);
  check_reports(result.out, {{"Fault.infinite_loop", "TIMEOUT", {"timed out after 0.5 s", "in-process"}}});
  TK_EXPECT_EQ(verdicts_of(result.out), (std::vector<std::string>{"PASS Calm.first", "TIMEOUT Fault.infinite_loop"}));
  TK_EXPECT_EQ(last_line(result.out), "1 passed, 1 failed, 0 skipped");
}

// On 2 threads, Sleepy.sleeps (no timeout) still runs when Sleepy.past_its_timeout, after it in plan order,
// times out: the report of the timeout must not wait for it.
TK_TEST(CrashMatrix, a_timeout_without_fork_is_reported_while_earlier_tests_still_run) {
  const auto result = run_scenario(scenario_sleeps,
                                   {"--no-fork", "-j", "2", "--deterministic", "--color", "never", "--filter",
                                    "Sleepy.sleeps:Sleepy.past_its_timeout"},
                                   {.timeout = 25s});
  TK_ASSERT_FALSE(result.timed_out, "the run hung; its output so far:\n{}", result.out);
  TK_EXPECT_LT(result.elapsed, 10s);
  TK_EXPECT_EQ(result.exit_code, 1, "stderr:\n{}", result.err);
  check_reports(result.out, {{"Sleepy.past_its_timeout", "TIMEOUT", {"timed out after 0.2 s"}}});
  TK_EXPECT_EQ(verdicts_of(result.out), std::vector<std::string>{"TIMEOUT Sleepy.past_its_timeout"},
               "Sleepy.sleeps never finished");
  TK_EXPECT_EQ(last_line(result.out), "0 passed, 1 failed, 0 skipped");
}

// The run that a timeout ends in-process lasted as long as it ran, not 0.0 ms.
TK_TEST(CrashMatrix, a_run_ended_by_an_in_process_timeout_reports_its_real_duration) {
  const std::string report = temporary_path(*this, "timeout.json");
  const auto result = run_scenario(
      scenario_sleeps, {"--no-fork", "--color", "never", "--filter", "Sleepy.past_its_timeout", "--json", report},
      {.timeout = 25s});
  TK_EXPECT_EQ(result.exit_code, 1, "stderr:\n{}", result.err);
  TK_EXPECT_EQ(result.out.find("in 0.0 ms"), std::string::npos, "{}", result.out);
  TK_EXPECT_GE(nlohmann::json::parse(read_file(report)).at("duration_s").get<double>(), 0.19);
}

// --timeout-scale (and TESTKIT_TIMEOUT_SCALE) multiply a test's own .timeout: 0.2 s becomes 0.5 s, forked and not.
TK_TEST_P(CrashMatrix, a_timeout_scale_multiplies_the_tests_own_timeout,
          (std::vector<std::vector<std::string>>{
              {"--timeout-scale", "2.5"}, {"--timeout-scale", "2.5", "--no-fork"}, {}})) {
  std::vector<std::string> arguments = {"--deterministic", "--color", "never", "--filter", "Sleepy.past_its_timeout"};
  arguments.insert(arguments.end(), param().begin(), param().end());
  testkit::selftest::ProcessSetup setup{.timeout = 25s};
  if (param().empty()) setup.set_env.emplace_back("TESTKIT_TIMEOUT_SCALE", "2.5");
  const auto result = run_scenario(scenario_sleeps, arguments, setup);
  TK_ASSERT_FALSE(result.timed_out, "the run hung; its output so far:\n{}", result.out);
  TK_EXPECT_EQ(result.exit_code, 1, "stderr:\n{}", result.err);
  check_reports(result.out, {{"Sleepy.past_its_timeout", "TIMEOUT", {"timed out after 0.5 s"}}});
  TK_EXPECT_GE(result.elapsed, 450ms);
}

}  // namespace
