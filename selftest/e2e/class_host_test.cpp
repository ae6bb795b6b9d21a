// Class hosts end to end (scenario_class_hosts): in the default forked mode set_up_class and tear_down_class run once
// per class, in the class's host, and each test in a fresh process forked from it; crashes of set_up_class, of a
// test, of the host and of tear_down_class are each reported once, charged to the right tests.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/run/sandbox.hpp>
#include <testkit/testkit.hpp>

#include "report_tests.hpp"
#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;
using Json = nlohmann::json;

/// One run of scenario_class_hosts: its process, its JSON report, and the class log its hooks and tests wrote.
struct ClassRun {
  testkit::selftest::ProcessResult process;
  ReportTests tests;
  std::vector<std::string> log;  // "<what> <name> <pid>"
};

/// How a run starts the scenario: itself (the default forked mode), through testkit-run, or with --sandbox (which
/// hands it to testkit-run, confined; the log then comes from the tests' captured output, see scenario_class_hosts).
enum class Mode { forked, testkit_run, sandbox };

ClassRun run_classes(testkit::TestCase& test, std::vector<std::string> arguments, Mode mode = Mode::forked) {
  static int runs = 0;
  const std::string tag = std::to_string(++runs);
  const std::string log = temporary_path(test, "class" + tag + ".log");
  const std::string report = temporary_path(test, "class" + tag + ".json");
  arguments.insert(arguments.end(), {"--color", "never", "--json", report});
  if (mode == Mode::sandbox) arguments.emplace_back("--sandbox");
  if (mode == Mode::testkit_run) arguments.insert(arguments.begin(), scenario_class_hosts);
  ClassRun run{.process = run_scenario(mode == Mode::testkit_run ? testkit_run : scenario_class_hosts, arguments,
                                       {.set_env = {{"TK_SCENARIO_CLASS_LOG", log}}, .timeout = 40s}),
               .tests = {},
               .log = lines_of(read_file(log))};
  bool found = false;
  const std::string text = read_file(report, &found);
  TK_ASSERT(found, "no JSON report; stdout: {} stderr: {}", run.process.out, run.process.err);
  run.tests = tests_of_report(text);
  if (mode == Mode::sandbox)
    for (const auto& [name, result] : run.tests)
      for (const std::string& line : lines_of(result.at("stdout").at("text").get<std::string>()))
        if (line.starts_with("note: ")) run.log.push_back(line.substr(6));
  return run;
}

/// The pids the log notes for `what` ("set_up_class Counted", "test Counted.first"...), in order.
std::vector<std::string> pids_of(const ClassRun& run, const std::string& what) {
  std::vector<std::string> pids;
  for (const std::string& line : run.log)
    if (line.starts_with(what + " ")) pids.push_back(line.substr(what.size() + 1));
  return pids;
}

TK_TEST_P(ClassHost, set_up_class_and_tear_down_class_run_once_per_class,
          (std::vector<std::vector<std::string>>{
              {"-j", "1"}, {"-j", "4"}, {"-j", "3", "--shuffle", "--repeat", "3"}})) {
  std::vector<std::string> arguments = param();
  arguments.insert(arguments.end(), {"--filter", "Counted.*:Free.*"});
  const ClassRun run = run_classes(*this, arguments);
  TK_EXPECT_EQ(run.process.exit_code, 0, "stdout:\n{}", run.process.out);
  const std::vector<std::string> set_up = pids_of(run, "set_up_class Counted");
  TK_ASSERT_EQ(set_up.size(), 1u, "log:\n{}", fmt::join(run.log, "\n"));
  TK_EXPECT_EQ(pids_of(run, "tear_down_class Counted"), set_up, "tear_down_class runs once, in the same host");
  // Each test ran (as often as --repeat asks) in a fresh process: neither the host nor another test's.
  const std::size_t repeats = std::ranges::count(arguments, std::string("--repeat")) != 0 ? 3 : 1;
  std::set<std::string> processes(set_up.begin(), set_up.end());
  std::size_t runs = 0;
  for (const char* test :
       {"Counted.first", "Counted.second", "Counted.third", "Counted.fourth", "Free.first", "Free.second"}) {
    const std::vector<std::string> pids = pids_of(run, std::string("test ") + test);
    TK_EXPECT_EQ(pids.size(), repeats, "{}", test);
    runs += pids.size();
    processes.insert(pids.begin(), pids.end());
    TK_EXPECT_EQ(verdict_of(run.tests, test), "passed", "{}: {}", test, fmt::join(failures_of(run.tests, test), "; "));
  }
  TK_EXPECT_EQ(processes.size(), runs + 1, "log:\n{}", fmt::join(run.log, "\n"));
}

TK_TEST(ClassHost, without_fork_the_hooks_also_run_once) {
  // (In one process the tests after the first see its change: only the hooks are counted here.)
  const ClassRun run = run_classes(*this, {"--no-fork", "--filter", "Counted.*"});
  TK_EXPECT_EQ(verdict_of(run.tests, "Counted.first"), "passed");
  TK_EXPECT_EQ(pids_of(run, "set_up_class Counted").size(), 1u);
  TK_EXPECT_EQ(pids_of(run, "tear_down_class Counted").size(), 1u);
}

TK_TEST_P(ClassHost, a_crash_in_set_up_class_is_reported_once_for_every_test_of_the_class,
          (std::vector<std::string>{"1", "4"})) {
  const ClassRun run = run_classes(*this, {"-j", param(), "--filter", "CrashesInSetUp.*:Counted.first"});
  TK_EXPECT_EQ(run.process.exit_code, 1);
  TK_EXPECT_EQ(pids_of(run, "set_up_class CrashesInSetUp").size(), 1u, "the class is not set up again per test");
  TK_EXPECT_EQ(pids_of(run, "tear_down_class CrashesInSetUp").size(), 0u);
  for (const char* test : {"CrashesInSetUp.first", "CrashesInSetUp.second", "CrashesInSetUp.third"}) {
    TK_EXPECT_EQ(pids_of(run, std::string("test ") + test).size(), 0u, "{} did not run", test);
    TK_EXPECT_EQ(verdict_of(run.tests, test), "crashed", "{}", test);
    const std::vector<std::string> failures = failures_of(run.tests, test);
    TK_ASSERT_EQ(failures.size(), 1u, "{}", test);
    TK_EXPECT_EQ(failures[0], "[set_up_class] crashed: SIGSEGV (signal 11)", "{}", test);
  }
  TK_EXPECT_EQ(run.tests.size(), 4u, "each test is reported once");
  TK_EXPECT_EQ(verdict_of(run.tests, "Counted.first"), "passed", "another class is not charged");
}

TK_TEST(ClassHost, a_hang_in_set_up_class_times_out_every_test_of_the_class) {
  const ClassRun run = run_classes(*this, {"-j", "2", "--timeout", "0.5", "--filter", "HangsInSetUp.*"});
  TK_EXPECT_LT(run.process.elapsed, 20s);
  TK_EXPECT_EQ(pids_of(run, "set_up_class HangsInSetUp").size(), 1u);
  for (const char* test : {"HangsInSetUp.first", "HangsInSetUp.second"}) {
    TK_EXPECT_EQ(verdict_of(run.tests, test), "timed_out", "{}", test);
    const std::vector<std::string> failures = failures_of(run.tests, test);
    TK_ASSERT_EQ(failures.size(), 1u, "{}", test);
    TK_EXPECT_EQ(failures[0], "[set_up_class] timed out after 0.5 s", "{}", test);
  }
}

// A set_up_class that stops its host (SIGSTOP) is found within a tick, not at the tests' time limit.
TK_TEST(ClassHost, a_set_up_class_that_stops_its_host_is_charged_to_every_test_of_the_class) {
  const ClassRun run = run_classes(*this, {"-j", "2", "--timeout", "30", "--filter", "StopsInSetUp.*"});
  TK_EXPECT_LT(run.process.elapsed, 15s);
  TK_EXPECT_EQ(pids_of(run, "set_up_class StopsInSetUp").size(), 1u);
  for (const char* test : {"StopsInSetUp.first", "StopsInSetUp.second"}) {
    TK_EXPECT_EQ(pids_of(run, std::string("test ") + test).size(), 0u, "{} did not run", test);
    TK_EXPECT_EQ(verdict_of(run.tests, test), "timed_out", "{}", test);
    TK_EXPECT_EQ(failures_of(run.tests, test),
                 (std::vector<std::string>{"[set_up_class] stopped by a signal (SIGSTOP or similar) and killed"}), "{}",
                 test);
  }
}

TK_TEST_P(ClassHost, a_crashing_test_is_charged_alone, (std::vector<std::string>{"1", "4"})) {
  const ClassRun run = run_classes(*this, {"-j", param(), "--filter", "CrashingTest.*"});
  TK_EXPECT_EQ(verdict_of(run.tests, "CrashingTest.before"), "passed");
  TK_EXPECT_EQ(verdict_of(run.tests, "CrashingTest.crashes"), "crashed");
  TK_EXPECT_EQ(failures_of(run.tests, "CrashingTest.crashes"),
               (std::vector<std::string>{"[test] crashed: SIGSEGV (signal 11)"}));
  TK_EXPECT_EQ(verdict_of(run.tests, "CrashingTest.after"), "passed");
  TK_EXPECT_EQ(pids_of(run, "set_up_class CrashingTest").size(), 1u);
  TK_EXPECT_EQ(pids_of(run, "tear_down_class CrashingTest").size(), 1u);
}

TK_TEST_P(ClassHost, a_crash_in_tear_down_class_is_charged_to_the_last_test, (std::vector<std::string>{"1", "4"})) {
  const ClassRun run = run_classes(*this, {"-j", param(), "--filter", "CrashesInTearDown.*"});
  TK_EXPECT_EQ(run.process.exit_code, 1);
  TK_EXPECT_EQ(pids_of(run, "tear_down_class CrashesInTearDown").size(), 1u);
  TK_EXPECT_EQ(verdict_of(run.tests, "CrashesInTearDown.first"), "passed");
  TK_EXPECT_EQ(verdict_of(run.tests, "CrashesInTearDown.last"), "crashed");
  TK_EXPECT_EQ(failures_of(run.tests, "CrashesInTearDown.last"),
               (std::vector<std::string>{"[tear_down_class] crashed: SIGSEGV (signal 11)"}));
}

TK_TEST(ClassHost, a_failing_tear_down_class_is_reported_as_without_fork) {
  const ClassRun forked = run_classes(*this, {"-j", "2", "--filter", "FailsInTearDown.*"});
  const ClassRun inline_run = run_classes(*this, {"--no-fork", "--filter", "FailsInTearDown.*"});
  for (const ClassRun* run : {&forked, &inline_run}) {
    TK_EXPECT_EQ(verdict_of(run->tests, "FailsInTearDown.first"), "passed");
    TK_EXPECT_EQ(verdict_of(run->tests, "FailsInTearDown.last"), "failed");
    TK_EXPECT_EQ(pids_of(*run, "tear_down_class FailsInTearDown").size(), 1u);
  }
  TK_EXPECT_EQ(forked.tests.at("FailsInTearDown.last").at("failures"),
               inline_run.tests.at("FailsInTearDown.last").at("failures"));
}

TK_TEST(ClassHost, a_host_that_dies_loses_only_its_running_test_and_the_rest_run_on_a_new_host) {
  const ClassRun run = run_classes(*this, {"-j", "1", "--filter", "KillsItsHost.*"});
  TK_EXPECT_LT(run.process.elapsed, 20s);
  TK_EXPECT_EQ(verdict_of(run.tests, "KillsItsHost.before"), "passed");
  TK_EXPECT_EQ(verdict_of(run.tests, "KillsItsHost.kills_its_host"), "crashed");
  TK_EXPECT_EQ(
      failures_of(run.tests, "KillsItsHost.kills_its_host"),
      (std::vector<std::string>{"[test] lost: the class host running the test was killed by SIGKILL (signal 9)"}));
  TK_EXPECT_EQ(verdict_of(run.tests, "KillsItsHost.after"), "passed");
  const std::vector<std::string> hosts = pids_of(run, "set_up_class KillsItsHost");
  TK_ASSERT_EQ(hosts.size(), 2u, "log:\n{}", fmt::join(run.log, "\n"));
  TK_EXPECT_NE(hosts[0], hosts[1]);
  TK_EXPECT_EQ(pids_of(run, "tear_down_class KillsItsHost"), std::vector<std::string>{hosts[1]});
}

// A test that stops its host would hold the class's tests for ever: the runner kills the stopped host (within a tick,
// not at a timeout), and the tests after it run on a new host, in every mode that has hosts.
TK_TEST_P(ClassHost, a_host_that_a_test_stops_is_killed_and_the_rest_run_on_a_new_host,
          (std::vector<std::string>{"forked", "testkit-run", "sandbox"})) {
  const Mode mode = param() == "forked" ? Mode::forked : param() == "sandbox" ? Mode::sandbox : Mode::testkit_run;
  const ClassRun run = run_classes(*this, {"-j", "1", "--timeout", "30", "--filter", "StopsItsHost.*"}, mode);
  TK_EXPECT_LT(run.process.elapsed, 15s);
  TK_EXPECT_EQ(verdict_of(run.tests, "StopsItsHost.before"), "passed");
  TK_EXPECT_EQ(verdict_of(run.tests, "StopsItsHost.stops_its_host"), "crashed");
  TK_EXPECT_EQ(failures_of(run.tests, "StopsItsHost.stops_its_host"),
               (std::vector<std::string>{
                   "[test] lost: the class host running the test was stopped by a signal (SIGSTOP or similar) and "
                   "killed"}));
  for (const char* test : {"StopsItsHost.after", "StopsItsHost.last"})
    TK_EXPECT_EQ(verdict_of(run.tests, test), "passed", "{}: {}", test, fmt::join(failures_of(run.tests, test), "; "));
  // (Under --sandbox the log is the tests' captured output, to which only the last host's hooks add theirs.)
  if (mode != Mode::sandbox)
    TK_EXPECT_EQ(pids_of(run, "set_up_class StopsItsHost").size(), 2u, "log:\n{}", fmt::join(run.log, "\n"));
}

// --retries: a crashed test's next attempt is a fresh process forked by a host of its class (the same one while it
// still takes tests, else a new one, which sets the class up again and tears it down after); a class whose
// set_up_class crashed is not retried, since none of its tests ran.
TK_TEST_P(ClassHost, a_retried_test_runs_again_from_a_host_of_its_class, (std::vector<std::string>{"1", "4"})) {
  const ClassRun run = run_classes(*this, {"-j", param(), "--retries", "1", "--filter", "CrashingTest.*"});
  TK_EXPECT_EQ(run.process.exit_code, 1);
  const Json& crashes = run.tests.at("CrashingTest.crashes");
  TK_EXPECT_EQ(crashes.at("verdict"), "crashed");
  TK_ASSERT_EQ(crashes.at("attempts").size(), 1u);
  TK_EXPECT_EQ(crashes.at("attempts").at(0).at("verdict"), "crashed");
  TK_EXPECT_EQ(verdict_of(run.tests, "CrashingTest.before"), "passed");
  TK_EXPECT_EQ(verdict_of(run.tests, "CrashingTest.after"), "passed");
  // With one job the retry finds the class's host still taking tests; with four every test was handed to it first.
  const std::size_t hosts = param() == "1" ? 1 : 2;
  TK_EXPECT_EQ(pids_of(run, "set_up_class CrashingTest").size(), hosts, "log:\n{}", fmt::join(run.log, "\n"));
  TK_EXPECT_EQ(pids_of(run, "tear_down_class CrashingTest"), pids_of(run, "set_up_class CrashingTest"));
}

TK_TEST(ClassHost, a_class_whose_set_up_class_crashed_is_not_retried) {
  const ClassRun run = run_classes(*this, {"-j", "2", "--retries", "2", "--filter", "CrashesInSetUp.*"});
  TK_EXPECT_EQ(pids_of(run, "set_up_class CrashesInSetUp").size(), 1u);
  for (const char* test : {"CrashesInSetUp.first", "CrashesInSetUp.second", "CrashesInSetUp.third"}) {
    TK_EXPECT_EQ(verdict_of(run.tests, test), "crashed", "{}", test);
    TK_EXPECT(!run.tests.at(test).contains("attempts"), "{}", test);
  }
}

// Nothing a test process leaves behind (its output, its failures, a process of its own that writes to its stdout,
// stderr, result channel and black box after it ended) reaches a later test of the same host.
TK_TEST(ClassHost, a_later_test_sees_nothing_of_an_earlier_one_or_of_what_it_left_running) {
  const ClassRun run = run_classes(*this, {"-j", "1", "--filter", "LeavesAProcess.*"});
  TK_EXPECT_EQ(verdict_of(run.tests, "LeavesAProcess.first"), "failed");
  TK_EXPECT_EQ(failures_of(run.tests, "LeavesAProcess.first").size(), 1u);
  TK_EXPECT_EQ(pids_of(run, "leftover LeavesAProcess.first").size(), 1u, "log:\n{}", fmt::join(run.log, "\n"));
  const Json& second = run.tests.at("LeavesAProcess.second");
  TK_EXPECT_EQ(second.at("verdict"), "passed", "{}", second.dump());
  TK_EXPECT(failures_of(run.tests, "LeavesAProcess.second").empty(), "{}", second.dump());
  const std::string text = second.dump();
  for (const char* leaked : {"output of the first test", "leftover", "a failure of the first test"})
    TK_EXPECT(text.find(leaked) == std::string::npos, "{} in {}", leaked, text);
  TK_EXPECT_EQ(pids_of(run, "set_up_class LeavesAProcess").size(), 1u);
  TK_EXPECT_EQ(pids_of(run, "tear_down_class LeavesAProcess").size(), 1u);
}

// A class host sets the signal state its tests start with once, after set_up_class: whatever set_up_class changed,
// each test starts with the default actions, its crash handlers and nothing blocked, and a crash is still one.
TK_TEST_P(ClassHost, each_test_starts_with_the_default_signal_state, (std::vector<std::string>{"1", "2"})) {
  const ClassRun run = run_classes(*this, {"-j", param(), "--filter", "ChangesSignals.*"});
  TK_EXPECT_EQ(verdict_of(run.tests, "ChangesSignals.starts_with_the_default_signal_state"), "passed", "{}",
               fmt::join(failures_of(run.tests, "ChangesSignals.starts_with_the_default_signal_state"), "; "));
  TK_EXPECT_EQ(verdict_of(run.tests, "ChangesSignals.crashes"), "crashed");
  TK_EXPECT_EQ(failures_of(run.tests, "ChangesSignals.crashes"),
               (std::vector<std::string>{"[test] crashed: SIGSEGV (signal 11)"}));
}

// A host rehearses what a test process does around its test before it forks one, so that no test process binds a
// library function on that path again (each binding looks the name up library by library, faulting in their symbol
// tables: about 20 us of a forked trivial test's 300). With LD_DEBUG=bindings the loader writes each binding to stderr,
// which the scenario's test moves onto a log file: what its process binds after the test body lands there.
TK_TEST(ClassHost, a_test_process_binds_no_library_function_after_its_test) {
  if (sanitized) TK_SKIP("a sanitizer's runtime binds functions of its own");
  const std::string log = temporary_path(*this, "bindings.log");
  const testkit::selftest::ProcessResult run =
      run_scenario(scenario_class_hosts, {"-j", "1", "--filter", "AfterTheBody.*", "--color", "never"},
                   {.set_env = {{"LD_DEBUG", "bindings"}, {"TK_SCENARIO_BINDINGS_LOG", log}}, .timeout = 40s});
  TK_ASSERT_EQ(run.exit_code, 0, "stdout:\n{}", run.out);
  bool found = false;
  const std::string bound = read_file(log, &found);
  TK_ASSERT(found, "the test did not make its log");
  TK_EXPECT_EQ(bound, "", "functions a test process bound after its test");
}

// Through testkit-run the class's host is the test binary, started once for the class: set_up_class and
// tear_down_class run once there too, and each test in a fresh process forked from it.
TK_TEST_P(ClassHost, through_testkit_run_set_up_class_runs_once_per_class,
          (std::vector<std::vector<std::string>>{{"-j", "1"}, {"-j", "4", "--repeat", "2"}})) {
  std::vector<std::string> arguments = param();
  arguments.insert(arguments.end(), {"--filter", "Counted.*:Free.*"});
  const ClassRun run = run_classes(*this, arguments, Mode::testkit_run);
  TK_EXPECT_EQ(run.process.exit_code, 0, "stdout:\n{}\nstderr:\n{}", run.process.out, run.process.err);
  const std::vector<std::string> set_up = pids_of(run, "set_up_class Counted");
  TK_ASSERT_EQ(set_up.size(), 1u, "log:\n{}", fmt::join(run.log, "\n"));
  TK_EXPECT_EQ(pids_of(run, "tear_down_class Counted"), set_up, "tear_down_class runs once, in the same host");
  const std::size_t repeats = param().size() > 2 ? 2 : 1;
  std::set<std::string> processes(set_up.begin(), set_up.end());
  for (const char* test : {"Counted.first", "Counted.second", "Counted.third", "Counted.fourth"}) {
    const std::vector<std::string> pids = pids_of(run, std::string("test ") + test);
    TK_EXPECT_EQ(pids.size(), repeats, "{}", test);
    processes.insert(pids.begin(), pids.end());
    TK_EXPECT_EQ(verdict_of(run.tests, test), "passed", "{}: {}", test, fmt::join(failures_of(run.tests, test), "; "));
  }
  TK_EXPECT_EQ(processes.size(), 4 * repeats + 1, "log:\n{}", fmt::join(run.log, "\n"));
  TK_EXPECT_EQ(verdict_of(run.tests, "Free.first"), "passed");
  TK_EXPECT_EQ(verdict_of(run.tests, "Free.second"), "passed");
}

// A crash in set_up_class, in a test and in tear_down_class is charged through testkit-run as in the default mode.
TK_TEST(ClassHost, through_testkit_run_crashes_are_charged_as_in_the_default_mode) {
  const ClassRun run = run_classes(
      *this, {"-j", "2", "--filter", "CrashesInSetUp.*:CrashingTest.*:CrashesInTearDown.*"}, Mode::testkit_run);
  TK_EXPECT_EQ(run.process.exit_code, 1);
  TK_EXPECT_EQ(pids_of(run, "set_up_class CrashesInSetUp").size(), 1u, "log:\n{}", fmt::join(run.log, "\n"));
  for (const char* test : {"CrashesInSetUp.first", "CrashesInSetUp.second", "CrashesInSetUp.third"}) {
    TK_EXPECT_EQ(verdict_of(run.tests, test), "crashed", "{}", test);
    TK_EXPECT_EQ(failures_of(run.tests, test),
                 (std::vector<std::string>{"[set_up_class] crashed: SIGSEGV (signal 11)"}), "{}", test);
  }
  TK_EXPECT_EQ(failures_of(run.tests, "CrashingTest.crashes"),
               (std::vector<std::string>{"[test] crashed: SIGSEGV (signal 11)"}));
  TK_EXPECT_EQ(verdict_of(run.tests, "CrashingTest.after"), "passed");
  TK_EXPECT_EQ(pids_of(run, "set_up_class CrashingTest").size(), 1u);
  TK_EXPECT_EQ(verdict_of(run.tests, "CrashesInTearDown.first"), "passed");
  TK_EXPECT_EQ(failures_of(run.tests, "CrashesInTearDown.last"),
               (std::vector<std::string>{"[tear_down_class] crashed: SIGSEGV (signal 11)"}));
}

// Under --sandbox the host is confined as a test is: set_up_class runs once, inside the class's PID namespace (where
// the host is the init's child) and, when the runner is root, as a sandbox user; a crash there is still
// reported with its signal (relayed by the namespace's init).
TK_TEST(ClassHost, under_the_sandbox_each_class_is_set_up_once_inside_it) {
  const ClassRun run = run_classes(*this, {"-j", "2", "--filter", "Counted.*:CrashesInSetUp.*"}, Mode::sandbox);
  TK_EXPECT_EQ(run.process.exit_code, 1, "stdout:\n{}\nstderr:\n{}", run.process.out, run.process.err);
  TK_ASSERT_EQ(pids_of(run, "set_up_class Counted").size(), 1u, "log:\n{}", fmt::join(run.log, "\n"));
  TK_EXPECT_EQ(pids_of(run, "tear_down_class Counted").size(), 1u);
  for (const char* test : {"Counted.first", "Counted.second", "Counted.third", "Counted.fourth"})
    TK_EXPECT_EQ(verdict_of(run.tests, test), "passed", "{}: {}", test, fmt::join(failures_of(run.tests, test), "; "));
  const bool pid_namespaces = run.process.out.find("a PID namespace per class") != std::string::npos;
  // (PID 2 in its namespace, after the init; a sanitizer's runtime may start a process of its own first.)
  if (pid_namespaces)
    TK_EXPECT_LE(std::stoi(pids_of(run, "set_up_class Counted").at(0)), 16, "set_up_class ran outside a PID namespace");
  const std::vector<std::string> uid = pids_of(run, "set_up_class_uid Counted");
  TK_ASSERT_EQ(uid.size(), 1u);
  if (::getuid() == 0) TK_EXPECT_GE(std::stoull(uid[0]), testkit::sandbox_uid_base, "set_up_class ran as {}", uid[0]);
  for (const char* test : {"CrashesInSetUp.first", "CrashesInSetUp.second", "CrashesInSetUp.third"})
    TK_EXPECT_EQ(failures_of(run.tests, test),
                 (std::vector<std::string>{"[set_up_class] crashed: SIGSEGV (signal 11)"}), "{}", test);
}

}  // namespace
