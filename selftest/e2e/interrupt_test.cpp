// Stopping a run from outside: SIGINT (Ctrl-C) ends it with exit code 130 and SIGTERM with 1; either way the
// runner starts no more tests, reports those that finished, and leaves no test process running.
#include <signal.h>

#include <chrono>
#include <string>
#include <vector>

#include <testkit/testkit.hpp>

#include "pid_file.hpp"
#include "scenario.hpp"

namespace {

using namespace testkit::e2e;
using namespace std::chrono_literals;

// Runs scenario_sleeps with `arguments` on 2 jobs and sends `signal` 300 ms after its start, once both
// sleeping tests run (the quick tests before them have then finished); checks that the processes of the
// sleeping tests are gone once the run ended.
testkit::selftest::ProcessResult interrupt_sleeps(testkit::TestCase& test, int signal,
                                                  std::vector<std::string> arguments) {
  const std::string pid_file = temporary_path(test, "interrupt.pids");
  arguments.insert(arguments.end(), {"-j", "2", "--color", "never"});
  const auto result = run_scenario(scenario_sleeps, arguments,
                                   {.set_env = {{pid_file_variable, pid_file}},
                                    .timeout = 20s,
                                    .signals = {{signal, 300ms, [&] { return pids_in(pid_file).size() == 3; }}}});
  TK_EXPECT_FALSE(result.timed_out, "the interrupted run did not end; its output:\n{}", result.out);
  // SIGTERM at once, then SIGKILL after the 1 s grace for the test that ignores SIGTERM.
  TK_EXPECT_LT(result.elapsed, 10s);

  const std::vector<pid_t> pids = pids_in(pid_file);
  TK_EXPECT_EQ(pids.size(), 3u, "both sleeping tests had started, one with a child");
  for (const pid_t pid : pids) TK_EXPECT(ends_within(pid, 2s), "process {} outlived the run", pid);
  return result;
}

TK_TEST(Interrupt, sigint_reports_what_finished_and_exits_130) {
  const auto result = interrupt_sleeps(*this, SIGINT, {});
  TK_EXPECT_EQ(result.exit_code, 130, "stderr:\n{}", result.err);
  TK_EXPECT_EQ(verdicts_of(result.out), (std::vector<std::string>{"PASS Quick.first", "PASS Quick.second"}));
  TK_EXPECT_EQ(last_line(result.out), "2 passed, 0 failed, 0 skipped");
}

TK_TEST(Interrupt, sigterm_reports_what_finished_and_exits_1) {
  const auto result = interrupt_sleeps(*this, SIGTERM, {});
  TK_EXPECT_EQ(result.exit_code, 1, "stderr:\n{}", result.err);
  TK_EXPECT_EQ(verdicts_of(result.out), (std::vector<std::string>{"PASS Quick.first", "PASS Quick.second"}));
  TK_EXPECT_EQ(last_line(result.out), "2 passed, 0 failed, 0 skipped");
}

// In plan order, Quick.second waits behind Sleepy.sleeps, which never finishes: it finished, so it is reported.
TK_TEST(Interrupt, deterministic_runs_also_report_what_finished) {
  const auto result = interrupt_sleeps(*this, SIGINT, {"--deterministic"});
  TK_EXPECT_EQ(result.exit_code, 130, "stderr:\n{}", result.err);
  TK_EXPECT_EQ(verdicts_of(result.out), (std::vector<std::string>{"PASS Quick.first", "PASS Quick.second"}));
  TK_EXPECT_EQ(last_line(result.out), "2 passed, 0 failed, 0 skipped");
}

}  // namespace
