// The runner under attack from the tests it runs: scenario_attacks' hostile tests run beside bystanders, with and
// without --sandbox, and this driver checks each attack's verdict, that the bystanders' results are reported as
// they happened, that the run ends as its results say (never 0 after an attack), and that nothing the tests made
// or started is left: no directory in the run's TMPDIR, no process they printed the pid of.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <testkit/run/sandbox.hpp>
#include <testkit/testkit.hpp>

#include "pid_file.hpp"
#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Json = nlohmann::json;

/// One run of scenario_attacks: how it ended, its JSON report (null when it wrote none) and each test's verdict.
struct AttackRun {
  testkit::selftest::ProcessResult process;
  Json report;
  std::map<std::string, std::string> verdicts;  ///< full name -> verdict, from the JSON report
};

/// The numbers after `label` at the start of a line of `text` ("pid 123" for label "pid ").
std::vector<long> numbers_after(std::string_view text, std::string_view label) {
  std::vector<long> numbers;
  for (const std::string& line : lines_starting_with(text, label))
    numbers.push_back(std::strtol(line.c_str() + label.size(), nullptr, 10));
  return numbers;
}

/// Every pid the tests of `report` printed.
std::vector<long> printed_pids(const Json& report) {
  std::vector<long> pids;
  if (!report.contains("tests")) return pids;
  for (const Json& test : report["tests"])
    for (long pid : numbers_after(test["stdout"]["text"].get<std::string>(), "pid ")) pids.push_back(pid);
  return pids;
}

/// The failures of test `name` in `run`'s report as one text (headlines and details).
std::string failures_of(const AttackRun& run, const std::string& name) {
  std::string text;
  for (const Json& test : run.report["tests"])
    if (test["full_name"] == name)
      for (const Json& failure : test["failures"])
        text += failure["headline"].get<std::string>() + "\n" + failure["details"].get<std::string>() + "\n";
  return text;
}

/// The live processes whose environment, as /proc shows it (as it was when their program started), holds `entry`.
std::vector<pid_t> processes_with_environment(const std::string& entry) {
  std::vector<pid_t> found;
  std::error_code error;
  for (const auto& process : fs::directory_iterator("/proc", error)) {
    const std::string name = process.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string environment = read_file((process.path() / "environ").string());
    for (std::size_t at = 0; at < environment.size();) {
      const std::size_t end = std::min(environment.find('\0', at), environment.size());
      if (environment.compare(at, end - at, entry) == 0) {
        const auto pid = static_cast<pid_t>(std::stol(name));
        if (is_alive(pid)) found.push_back(pid);
        break;
      }
      at = end + 1;
    }
  }
  return found;
}

/// How to run scenario_attacks besides its arguments.
struct AttackSetup {
  bool into_head = false;  ///< its stdout piped into `head -n 1` (the process result is still the scenario's)
  std::vector<testkit::selftest::TimedSignal> signals{};  ///< sent to it as it runs
  bool cleans_up = true;                                  ///< it can remove what it made (not when killed with SIGKILL)
  std::vector<std::pair<std::string, std::string>> environment{};  ///< variables it gets besides TMPDIR
};

/// Runs scenario_attacks with `arguments`, a JSON report and a fresh TMPDIR. Checks that every process whose pid a
/// test printed (or noted in the pid file) has ended, that no process of the run is left: none whose environment
/// holds that TMPDIR, which every process forked from the runner shows in /proc, sandboxed or not; and, if it
/// `cleans_up`, that the TMPDIR is empty.
AttackRun run_attacks(testkit::TestCase& test, std::vector<std::string> arguments, AttackSetup how = {}) {
  const fs::path work = testkit::tmp_path();
  static int runs = 0;
  const fs::path root = work / ("tmp" + std::to_string(++runs));
  fs::create_directory(root);
  // A sandboxed test runs as another user when this runs as root: it must reach its private directory in `root`.
  ::chmod(work.c_str(), 0755);
  ::chmod(root.c_str(), 0755);
  const std::string report = (work / ("report" + std::to_string(runs) + ".json")).string();
  const std::string pid_file = temporary_path(test, "attacks" + std::to_string(runs) + ".pids");
  arguments.insert(arguments.end(), {"--color", "never", "--json", report});
  testkit::selftest::ProcessSetup setup{.set_env = {{"TMPDIR", root.string()}, {pid_file_variable, pid_file}},
                                        .signals = std::move(how.signals)};
  setup.set_env.insert(setup.set_env.end(), how.environment.begin(), how.environment.end());
  if (how.into_head)  // bash's exit status is then the scenario's: 141 if SIGPIPE killed it
    arguments.insert(arguments.begin(), {"-c", "set -o pipefail; \"$@\" | head -n 1", "bash", scenario_attacks});
  AttackRun run{.process = run_scenario(how.into_head ? "/bin/bash" : scenario_attacks, arguments, setup),
                .report = {},
                .verdicts = {}};
  bool found = false;
  const std::string text = read_file(report, &found);
  if (found) run.report = Json::parse(text);
  if (run.report.contains("tests"))
    for (const Json& result : run.report["tests"]) run.verdicts[result["full_name"]] = result["verdict"];

  std::vector<long> pids = printed_pids(run.report);
  for (const pid_t pid : pids_in(pid_file)) pids.push_back(pid);
  for (const long pid : pids) {
    TK_EXPECT(ends_within(static_cast<pid_t>(pid), 3s), "process {} outlived its test", pid);
    ::kill(static_cast<pid_t>(pid), SIGKILL);  // whatever the verdict, it must not outlive this test
  }
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  std::vector<pid_t> survivors = processes_with_environment("TMPDIR=" + root.string());
  for (; !survivors.empty() && std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(20ms))
    survivors = processes_with_environment("TMPDIR=" + root.string());
  TK_EXPECT(survivors.empty(), "processes of the run outlived it: {}", fmt::join(survivors, ", "));
  for (const pid_t pid : survivors) ::kill(pid, SIGKILL);
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(root)) left.push_back(entry.path().filename().string());
  if (how.cleans_up) TK_EXPECT(left.empty(), "left in TMPDIR: {}", fmt::join(left, ", "));
  return run;
}

/// The options of a sandboxed run on `jobs` jobs.
std::vector<std::string> sandboxed(std::string filter, std::string jobs = "2") {
  return {"--sandbox", "--timeout", "10", "-j", std::move(jobs), "--filter", std::move(filter)};
}

TK_TEST(Attacks, a_byte_in_every_descriptor_stops_nothing) {
  for (const bool sandbox : {false, true}) {
    std::vector<std::string> arguments{"-j", "3", "--filter", "Descriptors.*:Bystander.finishes"};
    if (sandbox) arguments.insert(arguments.begin(), "--sandbox");
    const AttackRun run = run_attacks(*this, arguments);
    TK_EXPECT_EQ(run.process.exit_code, 1, "sandbox {}: {}", sandbox, run.process.out);
    TK_EXPECT_EQ(run.report["interrupted_by"], Json(nullptr));
    TK_EXPECT_EQ(run.verdicts,
                 (std::map<std::string, std::string>{{"Bystander.finishes", "passed"},
                                                     {"Descriptors.only_its_own_are_open", "passed"},
                                                     {"Descriptors.writes_a_byte_to_every_descriptor", "failed"}}),
                 "sandbox {}: {}", sandbox, run.process.out);
    TK_EXPECT_CONTAINS(failures_of(run, "Descriptors.writes_a_byte_to_every_descriptor"), "result channel");
    TK_EXPECT_EQ(last_line(run.process.out), "2 passed, 1 failed, 0 skipped");
  }
}

TK_TEST(Attacks, garbage_in_the_black_box_is_only_text) {
  const AttackRun run = run_attacks(*this, {"-j", "2", "--filter", "BlackBox.*:Bystander.quick"});
  TK_EXPECT_EQ(run.process.exit_code, 1, "the runner must survive: signal {}\n{}", run.process.signal, run.process.err);
  TK_EXPECT_EQ(run.verdicts, (std::map<std::string, std::string>{
                                 {"BlackBox.garbage_then_abort", "crashed"},
                                 {"BlackBox.random_bytes_then_sigkill", "crashed"},
                                 {"BlackBox.random_frames_of_a_matching_signal", "crashed"},
                                 {"BlackBox.random_bytes_then_exit", "exited_early"},
                                 {"BlackBox.random_bytes_then_timeout", "timed_out"},
                                 {"Bystander.quick", "passed"},
                             }));
  TK_EXPECT_CONTAINS(failures_of(run, "BlackBox.garbage_then_abort"), "crashed: SIGABRT");
  TK_EXPECT_EQ(last_line(run.process.out), "1 passed, 5 failed, 0 skipped");
}

TK_TEST(Attacks, forged_end_records_do_not_turn_a_failure_into_a_pass) {
  for (const bool sandbox : {false, true}) {
    std::vector<std::string> arguments{"-j", "2", "--filter", "ForgedEnd.*:Bystander.quick"};
    if (sandbox) arguments.insert(arguments.begin(), "--sandbox");
    const AttackRun run = run_attacks(*this, arguments);
    TK_EXPECT_EQ(run.process.exit_code, 1, "sandbox {}: {}", sandbox, run.process.out);
    TK_EXPECT_EQ(run.verdicts,
                 (std::map<std::string, std::string>{
                     {"Bystander.quick", "passed"},
                     {"ForgedEnd.passed_after_a_failure", "failed"},
                     {"ForgedEnd.skipped_after_a_failure", "failed"},
                     {"ForgedEnd.expected_failure_after_a_failure", "failed"},
                     {"ForgedEnd.passed_then_returns", "failed"},
                 }),
                 "sandbox {}: {}", sandbox, run.process.out);
    for (const std::string claim : {"passed", "skipped"})
      TK_EXPECT_CONTAINS(failures_of(run, "ForgedEnd." + claim + "_after_a_failure"),
                         "the test's END record claims " + claim + ", but a failure was recorded");
    TK_EXPECT_CONTAINS(failures_of(run, "ForgedEnd.expected_failure_after_a_failure"),
                       "the test's END record claims expected_failure, but the test is not marked xfail");
    TK_EXPECT_CONTAINS(failures_of(run, "ForgedEnd.passed_then_returns"), "a second END record");
  }
}

TK_TEST(Attacks, a_pass_forged_before_any_check_passes_with_the_assertions_it_claims) {
  for (const bool sandbox : {false, true}) {
    std::vector<std::string> arguments{"-j", "2", "--filter", "ForgedPass.*"};
    if (sandbox) arguments.insert(arguments.begin(), "--sandbox");
    const AttackRun run = run_attacks(*this, arguments);
    TK_EXPECT_EQ(run.process.exit_code, 0, "sandbox {}: {}", sandbox, run.process.out);
    TK_EXPECT_EQ(run.verdicts, (std::map<std::string, std::string>{{"ForgedPass.before_any_check", "passed"},
                                                                   {"ForgedPass.honest_twin", "passed"}}));
    // The executed assertions travel in the END record: the forger's claim (0), and the honest test's real count,
    // which is what testkit-grade compares with the reference solution's.
    std::map<std::string, int> assertions;
    for (const Json& test : run.report["tests"]) assertions[test["full_name"]] = test["assertions"].get<int>();
    TK_EXPECT_EQ(assertions,
                 (std::map<std::string, int>{{"ForgedPass.before_any_check", 0}, {"ForgedPass.honest_twin", 2}}),
                 "sandbox {}", sandbox);
  }
}

TK_TEST(Attacks, a_setsid_daemon_dies_with_its_sandboxed_test) {
  const AttackRun run = run_attacks(*this, sandboxed("Escapes.setsid_daemon:Bystander.quick"));
  TK_EXPECT_CONTAINS(lines_of(run.process.out).at(0), "PID namespace");
  TK_EXPECT_EQ(run.process.exit_code, 0, "{}", run.process.out);
  TK_EXPECT_EQ(run.verdicts, (std::map<std::string, std::string>{{"Bystander.quick", "passed"},
                                                                 {"Escapes.setsid_daemon", "passed"}}));
  TK_EXPECT_EQ(printed_pids(run.report).size(), 1u, "the daemon printed its pid");
}

TK_TEST(Attacks, kill_minus_one_reaches_only_its_own_sandbox) {
  const AttackRun run = run_attacks(*this, sandboxed("Escapes.kill_minus_one:Bystander.finishes"));
  TK_EXPECT_EQ(run.process.exit_code, 0, "{}", run.process.out);
  TK_EXPECT_EQ(run.verdicts, (std::map<std::string, std::string>{{"Bystander.finishes", "passed"},
                                                                 {"Escapes.kill_minus_one", "passed"}}));
}

// A class with class hooks is confined as a whole (one host, PID namespace and user): a kill(-1) in one of its tests
// kills its host and its running tests, which are reported lost, and reaches no test of another class nor a free one.
TK_TEST(Attacks, kill_minus_one_in_a_class_reaches_only_its_class) {
  const AttackRun run = run_attacks(*this, sandboxed("SharedSandbox.*:Bystander.finishes", "3"));
  if (lines_of(run.process.out).at(0).find("a PID namespace per class") == std::string::npos)
    TK_SKIP("no PID namespaces here: {}", lines_of(run.process.out).at(0));
  TK_EXPECT_EQ(run.verdicts, (std::map<std::string, std::string>{{"Bystander.finishes", "passed"},
                                                                 {"SharedSandbox.kills_its_class", "crashed"},
                                                                 {"SharedSandbox.runs_beside_it", "crashed"}}));
  for (const Json& result : run.report["tests"])
    if (result["full_name"] != "Bystander.finishes")
      TK_EXPECT_EQ(result["failures"].at(0)["headline"],
                   "lost: the class host running the test was killed by SIGKILL (signal 9)", "{}", result.dump());
}

TK_TEST(Attacks, concurrent_sandboxed_tests_run_as_users_of_their_own) {
  if (::geteuid() != 0) TK_SKIP("only a root runner switches users");
  const AttackRun run = run_attacks(*this, sandboxed("Escapes.prints_its_user/*"));
  TK_EXPECT_EQ(run.process.exit_code, 0, "{}", run.process.out);
  std::set<long> uids;
  for (const Json& test : run.report["tests"])
    for (const long uid : numbers_after(test["stdout"]["text"].get<std::string>(), "uid ")) uids.insert(uid);
  TK_EXPECT_EQ(uids.size(), 2u, "two tests at once, two users: {}", fmt::join(uids, ", "));
  for (const long uid : uids)
    TK_EXPECT((uid >= testkit::sandbox_uid_base && uid < testkit::sandbox_uid_base + 2), "uid {}", uid);
}

TK_TEST(Attacks, sigterm_from_a_test_keeps_the_results_that_finished) {
  const AttackRun run = run_attacks(*this, {"-j", "2", "--filter", "Bystander.quick:Escapes.terminates_the_runner"});
  TK_EXPECT_EQ(run.process.exit_code, 1, "{}", run.process.out);
  TK_EXPECT_EQ(run.report["interrupted_by"], "SIGTERM");
  TK_EXPECT_EQ(run.verdicts, (std::map<std::string, std::string>{{"Bystander.quick", "passed"}}));
  TK_EXPECT_EQ(last_line(run.process.out), "1 passed, 0 failed, 0 skipped");
}

TK_TEST(Attacks, a_killed_runner_takes_its_tests_along) {
  const AttackRun run =
      run_attacks(*this, {"-j", "2", "--filter", "Escapes.kills_the_runner:Bystander.sleeps"}, {.cleans_up = false});
  TK_EXPECT_EQ(run.process.signal, SIGKILL);
  // run_attacks checks that the pids the two tests noted end within 3 s (the bystander alone would sleep 20 s).
}

// A sandboxed test's processes are its namespace's init, the test's, and a relay outside the namespace: all end
// with a runner killed from outside.
TK_TEST(Attacks, a_killed_sandboxed_runner_takes_its_tests_along) {
  const AttackRun run = run_attacks(*this, sandboxed("Bystander.sleeps:Bystander.finishes"),
                                    {.signals = {{SIGKILL, 700ms}}, .cleans_up = false});
  TK_EXPECT_EQ(run.process.signal, SIGKILL);
}

TK_TEST(Attacks, a_fifo_in_place_of_the_result_cache_hangs_no_run) {
  // A run of part of the tests reads the cache again at its end, a run of two tests or more reads it at its start:
  // the first run meets the FIFO its test made at its end, the second at its start (made again before it).
  const fs::path dir = testkit::tmp_path() / "cache";
  fs::create_directory(dir);
  const fs::path cache = dir / "scenario_attacks.json";
  const AttackSetup setup{.environment = {{"TESTKIT_CACHE_DIR", dir.string()}}};
  const std::vector<std::string> arguments{"-j", "2", "--filter", "RunFiles.*:Bystander.quick"};
  const AttackRun first = run_attacks(*this, arguments, setup);
  TK_EXPECT_FALSE(first.process.timed_out, "the run waited for a writer of the FIFO");
  TK_EXPECT_EQ(first.process.exit_code, 0, "{}", first.process.err);
  TK_EXPECT_EQ(first.verdicts.at("RunFiles.result_cache_made_a_fifo"), "passed");
  TK_EXPECT(fs::is_regular_file(cache), "the run's cache took the FIFO's place");
  fs::remove(cache);
  TK_ASSERT_EQ(::mkfifo(cache.c_str(), 0600), 0);
  const AttackRun second = run_attacks(*this, arguments, setup);
  TK_EXPECT_FALSE(second.process.timed_out, "the run waited for a writer of the FIFO");
  TK_EXPECT_EQ(second.process.exit_code, 0, "{}", second.process.err);
  TK_EXPECT_CONTAINS(second.process.err, "it is not a regular file");
  TK_EXPECT_EQ(second.verdicts.size(), 2u);
}

TK_TEST(Attacks, a_closed_console_pipe_neither_kills_the_run_nor_spoils_its_reports) {
  // head reads the first line and exits; the tests end later, each writing its line into the closed pipe.
  const AttackRun run = run_attacks(*this, {"-j", "1", "--filter", "Piped.*"}, {.into_head = true});
  TK_EXPECT_EQ(run.process.exit_code, 0, "141 is SIGPIPE; stderr: {}", run.process.err);
  TK_EXPECT_EQ(lines_of(run.process.out).size(), 1u);
  TK_EXPECT_EQ(run.verdicts.size(), 10u, "every test is in the report");
  for (const auto& [name, verdict] : run.verdicts) TK_EXPECT_EQ(verdict, "passed", "{}", name);
}

}  // namespace
