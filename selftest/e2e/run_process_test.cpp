// run_process, the tool every other end-to-end test relies on, checked against standard programs.
#include <signal.h>

#include <string>
#include <system_error>

#include <testkit/testkit.hpp>

#include "support/run_process.hpp"

namespace {

using testkit::selftest::ProcessSetup;
using testkit::selftest::run_process;

TK_TEST(RunProcess, separates_stdout_stderr_and_exit_code) {
  const auto result = run_process("/bin/sh", {"-c", "printf out; printf err >&2; exit 7"});
  TK_EXPECT_EQ(result.out, "out");
  TK_EXPECT_EQ(result.err, "err");
  TK_EXPECT_EQ(result.exit_code, 7);
  TK_EXPECT(result.exited());
}

TK_TEST(RunProcess, passes_arguments_unchanged_without_a_shell) {
  const auto result = run_process("/bin/echo", {"a b", "$HOME", "*"});
  TK_EXPECT_EQ(result.out, "a b $HOME *\n");
}

TK_TEST(RunProcess, drains_large_output_on_both_streams) {
  // Each burst is far beyond a pipe's 64 KiB: reading one stream to its end before the other would block.
  const auto result = run_process(
      "/bin/sh", {"-c", "head -c 300000 /dev/zero >&2; head -c 400000 /dev/zero; head -c 300000 /dev/zero >&2"},
      {.timeout = std::chrono::seconds(20)});
  TK_EXPECT_FALSE(result.timed_out);
  TK_EXPECT_EQ(result.out.size(), 400000u);
  TK_EXPECT_EQ(result.err.size(), 600000u);
  TK_EXPECT_EQ(result.exit_code, 0);
}

TK_TEST(RunProcess, reports_the_signal_that_ended_the_program) {
  const auto result = run_process("/bin/sh", {"-c", "kill -TERM $$"});
  TK_EXPECT_FALSE(result.exited());
  TK_EXPECT_EQ(result.signal, SIGTERM);
  TK_EXPECT_EQ(result.exit_code, -1);
}

TK_TEST(RunProcess, sets_and_unsets_environment_variables) {
  ::setenv("TK_RUN_PROCESS_GONE", "here", 1);
  add_cleanup([] { ::unsetenv("TK_RUN_PROCESS_GONE"); });
  const auto result = run_process(
      "/usr/bin/env", {},
      {.set_env = {{"TK_RUN_PROCESS_SET", "a=b"}, {"HOME", "/nowhere"}}, .unset_env = {"TK_RUN_PROCESS_GONE"}});
  TK_EXPECT_CONTAINS(result.out, "\nTK_RUN_PROCESS_SET=a=b\n");
  TK_EXPECT_CONTAINS(result.out, "HOME=/nowhere\n");
  TK_EXPECT_EQ(result.out.find("HOME=/nowhere"), result.out.rfind("HOME="), "HOME appears once");
  TK_EXPECT_EQ(result.out.find("TK_RUN_PROCESS_GONE"), std::string::npos);
}

TK_TEST(RunProcess, runs_in_the_given_working_directory) {
  const auto result = run_process("/bin/pwd", {}, {.working_directory = "/usr"});
  TK_EXPECT_EQ(result.out, "/usr\n");
}

TK_TEST(RunProcess, gives_the_program_an_empty_stdin) {
  const auto result = run_process("/bin/cat", {}, {.timeout = std::chrono::seconds(5)});
  TK_EXPECT_FALSE(result.timed_out);
  TK_EXPECT_EQ(result.out, "");
  TK_EXPECT_EQ(result.exit_code, 0);
}

TK_TEST(RunProcess, kills_a_program_that_outlives_its_timeout) {
  const auto result = run_process("/bin/sleep", {"30"}, {.timeout = std::chrono::milliseconds(200)});
  TK_EXPECT(result.timed_out);
  TK_EXPECT_EQ(result.signal, SIGKILL);
}

TK_TEST(RunProcess, sends_the_timed_signals_in_time_order) {
  // The traps run between the short sleeps; the TERM trap ends the loop.
  const auto result = run_process(
      "/bin/sh", {"-c", "trap 'echo usr1' USR1; trap 'echo term; exit 0' TERM; while :; do sleep 0.02; done"},
      {.timeout = std::chrono::seconds(10),
       .signals = {{SIGTERM, std::chrono::milliseconds(400)}, {SIGUSR1, std::chrono::milliseconds(200)}}});
  TK_EXPECT_FALSE(result.timed_out);
  TK_EXPECT_EQ(result.out, "usr1\nterm\n");
  TK_EXPECT_EQ(result.exit_code, 0);
  TK_EXPECT_GE(result.elapsed, std::chrono::milliseconds(400));
  TK_EXPECT_LT(result.elapsed, std::chrono::seconds(5));
}

TK_TEST(RunProcess, throws_when_the_program_does_not_exist) {
  TK_EXPECT_THROWS(static_cast<void>(run_process("/nonexistent/program", {})), std::system_error);
}

}  // namespace
