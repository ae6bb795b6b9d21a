// run_program: a program in a process group of its own, fed its input and drained while it runs, with its timeout,
// output limit, environment and working directory; a program that cannot start fails the test.
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <system_error>
#include <thread>

#include <testkit/core/context.hpp>
#include <testkit/program.hpp>

#include "support/inner_test.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::run_program;

// Whether `pid` is a process that still runs (not gone, and not a zombie waiting for whoever adopted it), after
// waiting up to two seconds for a SIGKILL sent to it to take effect.
bool still_runs(pid_t pid) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return false;
    const std::size_t state = line.rfind(") ");
    if (state == std::string::npos || line[state + 2] == 'Z' || line[state + 2] == 'X') return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

TK_TEST(RunProgram, runs_a_program_with_its_arguments_and_reads_what_it_prints) {
  const auto r = run_program({"/bin/sh", "-c", "echo out $0 $1; echo err >&2; exit 3", "zero"}, {.args = {"one"}});
  TK_EXPECT_EQ(r.exit_code, 3);
  TK_EXPECT_EQ(r.signal, 0);
  TK_EXPECT(!r.timed_out);
  TK_EXPECT_EQ(r.out, "out zero one\n");
  TK_EXPECT_EQ(r.err, "err\n");
  TK_EXPECT_EQ(r.describe(), "exited with status 3");
  TK_EXPECT_GT(r.max_rss_kib, 0);
  TK_EXPECT_GT(r.duration.count(), 0);
}

TK_TEST(RunProgram, looks_a_name_up_in_path) {
  const auto r = run_program({"sh", "-c", "echo found"});
  TK_EXPECT_EQ(r.out, "found\n");
  TK_EXPECT(r.succeeded());
}

TK_TEST(RunProgram, feeds_the_input_then_end_of_file) {
  const auto r = run_program({"/usr/bin/wc", "-w"}, {.input = "a b\nc\n", .timeout = 5s});
  TK_EXPECT_EQ(r.exit_code, 0);
  TK_EXPECT_EQ(r.out, "3\n");
}

TK_TEST(RunProgram, large_input_and_output_on_both_streams_do_not_deadlock) {
  const std::string input(3 << 20, 'x');  // far more than a pipe holds
  const auto r = run_program({"/bin/sh", "-c", "cat; head -c 2000000 /dev/zero >&2"}, {.input = input});
  TK_EXPECT_EQ(r.exit_code, 0);
  TK_EXPECT_EQ(r.out.size(), input.size());
  TK_EXPECT_EQ(r.err.size(), 2000000u);
}

TK_TEST(RunProgram, a_program_that_reads_no_input_is_no_problem) {
  const auto r = run_program({"/bin/sh", "-c", "echo done"}, {.input = std::string(1 << 20, 'i')});
  TK_EXPECT_EQ(r.out, "done\n");
  TK_EXPECT_EQ(r.exit_code, 0);
}

TK_TEST(RunProgram, a_timeout_kills_the_program_and_everything_it_started) {
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_program({"/bin/sh", "-c", "sleep 30 & echo $!; wait"}, {.timeout = 300ms});
  TK_EXPECT(r.timed_out);
  TK_EXPECT_EQ(r.exit_code, -1);
  TK_EXPECT_EQ(r.signal, SIGKILL);
  TK_EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  TK_EXPECT_CONTAINS(r.describe(), "timed out after");
  const pid_t sleeper = std::stoi(r.out);
  TK_EXPECT(!still_runs(sleeper), "the program's child {} still runs", sleeper);
}

TK_TEST(RunProgram, what_a_program_leaves_running_is_killed_when_it_exits) {
  const auto r = run_program({"/bin/sh", "-c", "sleep 30 & echo $!"}, {.timeout = 20s});
  TK_EXPECT_EQ(r.exit_code, 0);
  TK_EXPECT(!r.timed_out);
  TK_EXPECT_LT(r.duration, 10s);
  const pid_t sleeper = std::stoi(r.out);
  TK_EXPECT(!still_runs(sleeper), "the program's child {} still runs", sleeper);
}

TK_TEST(RunProgram, reports_the_signal_that_ended_it) {
  const auto r = run_program({"/bin/sh", "-c", "kill -SEGV $$"});
  TK_EXPECT_EQ(r.exit_code, -1);
  TK_EXPECT_EQ(r.signal, SIGSEGV);
  TK_EXPECT_EQ(r.describe(), "killed by signal 11 (SIGSEGV)");
}

TK_TEST(RunProgram, the_output_limit_stops_a_flood) {
  const auto r = run_program({"/usr/bin/yes"}, {.timeout = 20s, .output_limit = 100'000});
  TK_EXPECT(r.output_limit_exceeded);
  TK_EXPECT(!r.timed_out);
  TK_EXPECT_EQ(r.signal, SIGKILL);
  TK_EXPECT_EQ(r.out.size(), 100'000u);
  TK_EXPECT_EQ(r.out.substr(0, 4), "y\ny\n");
}

TK_TEST(RunProgram, adds_and_replaces_variables_of_the_environment) {
  ::setenv("TESTKIT_KEPT", "kept", 1);
  ::setenv("TESTKIT_REPLACED", "old", 1);
  const auto r = run_program({"/bin/sh", "-c", "echo $TESTKIT_KEPT $TESTKIT_REPLACED $TESTKIT_ADDED"},
                             {.env = {{"TESTKIT_REPLACED", "new"}, {"TESTKIT_ADDED", "added"}}});
  TK_EXPECT_EQ(r.out, "kept new added\n");
}

TK_TEST(RunProgram, an_environment_of_its_own) {
  ::setenv("TESTKIT_KEPT", "kept", 1);
  const auto r = run_program({"/usr/bin/env"}, {.env = {{"ONLY", "this"}}, .inherit_env = false});
  TK_EXPECT_EQ(r.out, "ONLY=this\n");
}

TK_TEST(RunProgram, runs_in_the_working_directory_it_is_given) {
  const auto r = run_program({"/bin/pwd"}, {.cwd = testkit::tmp_path().string()});
  TK_EXPECT_EQ(r.out, testkit::tmp_path().string() + "\n");
}

TK_TEST(RunProgram, a_missing_program_fails_the_test_clearly) {
  bool went_on = false;
  const auto result = testkit::selftest::run_inner([&] {
    (void)run_program({"./no-such-program", "-w"});
    went_on = true;
  });
  TK_EXPECT(!went_on, "the failure is fatal");
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "testkit::run_program");
  TK_EXPECT_EQ(result.failures[0].details, "cannot run ./no-such-program: No such file or directory");
}

TK_TEST(RunProgram, a_name_not_in_path_fails_the_test_clearly) {
  const auto result = testkit::selftest::run_inner([] { (void)run_program({"no-such-program-in-path"}); });
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].details, "cannot find no-such-program-in-path in PATH: No such file or directory");
}

TK_TEST(RunProgram, a_file_that_is_not_executable_fails_the_test_clearly) {
  const std::string path = (testkit::tmp_path() / "script.sh").string();
  std::ofstream(path) << "echo hi\n";
  const auto result = testkit::selftest::run_inner([&] { (void)run_program({path}); });
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].details, "cannot run " + path + ": Permission denied");
}

TK_TEST(RunProgram, a_missing_working_directory_fails_the_test_clearly) {
  const auto result = testkit::selftest::run_inner([] { (void)run_program({"/bin/true"}, {.cwd = "/no/such/dir"}); });
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].details,
               "cannot change to the directory /no/such/dir to run /bin/true: No such file or directory");
}

TK_TEST(RunProgram, outside_a_test_a_program_that_cannot_start_throws) {
  std::string what;
  std::thread([&] {
    testkit::detail::forget_inherited_context();  // this thread now runs no test
    try {
      (void)run_program({"/no/such/program"});
    } catch (const std::system_error& error) {
      what = error.what();
    }
  }).join();
  TK_EXPECT_CONTAINS(what, "cannot run /no/such/program");
}

TK_TEST(RunProgram, the_default_timeout_is_most_of_the_time_the_test_has_left, .timeout = 2s) {
  const auto r = run_program({"/bin/sleep", "30"});
  TK_EXPECT(r.timed_out);
  TK_EXPECT_LT(r.duration, 1700ms);  // a quarter of 2 s is left for the test to report
  TK_EXPECT_GT(r.duration, 1200ms);
}

TK_TEST(RunProgram, output_captured_by_the_test_is_not_the_programs) {
  testkit::OutputCapture output;
  const auto r = run_program({"/bin/echo", "from the program"});
  std::cout << "from the test";
  TK_EXPECT_EQ(r.out, "from the program\n");
  TK_EXPECT_EQ(output.out(), "from the test");
}

}  // namespace
