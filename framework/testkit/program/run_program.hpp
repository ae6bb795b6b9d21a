#pragma once
/// Running a program, or a main() of the code under test, in a process of its own and looking at how it ended and
/// what it printed: Python's subprocess.run(input=..., timeout=...) for tests.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace testkit {

/// How to run a program (run_program) or a main function (run_main): designated initializers in this order.
/// Example: {.input = "a b\n", .args = {"-w"}, .env = {{"LANG", "C"}}, .cwd = "/tmp", .timeout = 2s}
struct ProgramOptions {
  std::string input{};                       ///< its standard input (a pipe), then end of file; unread input is dropped
  std::vector<std::string> args{};           ///< appended to the command line
  std::map<std::string, std::string> env{};  ///< variables added to its environment, each replacing one of its name
  bool inherit_env = true;                   ///< false: its environment is `env` and nothing else
  std::string cwd{};                         ///< its working directory (on disk); empty: the test's
  /// Then it is killed with everything it started (its process group). None given: the time the test has left (its
  /// .timeout, else --timeout) less a quarter of it (0.1 s to 5 s) for the test to report; 60 s when the test has no
  /// timeout or no test is running.
  std::optional<std::chrono::milliseconds> timeout{};
  std::size_t output_limit = std::size_t{64} << 20;  ///< bytes of stdout and stderr together; past it, killed; 0: none
};

/// How a program ended and what it wrote.
struct ProgramResult {
  int exit_code = -1;      ///< its exit status (0-255), or -1 when it did not exit (a signal ended it)
  int signal = 0;          ///< the signal that ended it (SIGKILL after a timeout or at the output limit), else 0
  bool timed_out = false;  ///< it was still running at its timeout, and was killed
  bool output_limit_exceeded = false;   ///< it wrote more than its output limit, and was killed
  std::string out{};                    ///< all of its standard output (up to the output limit)
  std::string err{};                    ///< all of its standard error (up to the output limit)
  std::chrono::nanoseconds duration{};  ///< from its start until it ended
  /// Its peak resident memory in KiB (the kernel's ru_maxrss). Linux counts the memory the process had when it was
  /// started too, the test process's, so this is an upper bound that only means something above the test's own size.
  long max_rss_kib = 0;

  /// True when it exited with status 0.
  [[nodiscard]] bool succeeded() const { return exit_code == 0; }
  /// How it ended, for messages: "exited with status 2", "killed by signal 11 (SIGSEGV)", "timed out after 2 s".
  [[nodiscard]] std::string describe() const;
};

/// Runs the program argv[0] (a path, or a name looked up in PATH) with the arguments argv[1...] and then
/// `options.args`, in a process group of its own, and waits for it while feeding it `options.input` and reading its
/// stdout and stderr at the same time (any amount of output; a program that reads no input is no problem). When it
/// ends, whatever it left running in its process group is killed. A program that cannot be started (missing, not
/// executable, a `cwd` that does not exist) is a fatal failure of the test (outside a test: std::system_error).
/// Under --sandbox it is the sandboxed test's child, as confined as the test. Any thread.
/// Example: auto r = testkit::run_program({"./wc", "-w"}, {.input = "a b\nc\n", .timeout = 2s});
///          TK_EXPECT_EQ(r.exit_code, 0); TK_EXPECT_EQ(r.out, "3\n");
[[nodiscard]] ProgramResult run_program(std::vector<std::string> argv, const ProgramOptions& options = {},
                                        std::source_location where = std::source_location::current());

/// A main function of the code under test.
using MainFunction = std::function<int(int argc, char** argv)>;

/// Runs `main(argc, argv)` with `argv` (then `options.args`; argv[0] is the program's name, "main" when argv is empty)
/// in a forked process of its own, with the options' standard input, environment and working directory, and reads
/// what it prints as run_program does: so that exit(), a crash, an uncaught exception (std::terminate's message on
/// stderr, then SIGABRT) or an endless loop in it is a result to check, not the test's end. Returning from `main`
/// ends the process with that status after flushing std::cout and stdio (atexit handlers do not run; they do when
/// `main` calls exit()). `main` runs with the test's patches and fakes; failed assertions in it count for the test (a
/// failed TK_ASSERT_ ends the process with status 1). Forking from a process with several threads (a thread pool,
/// threads the test started) is safe only if no other thread holds a lock the child needs: see the README.
/// Example: auto r = testkit::run_main(calc_main, {"calc", "2", "^", "3"});
///          TK_EXPECT_EQ(r.exit_code, 2); TK_EXPECT_CONTAINS(r.err, "unknown operator");
[[nodiscard]] ProgramResult run_main(const MainFunction& main, std::vector<std::string> argv,
                                     const ProgramOptions& options = {},
                                     std::source_location where = std::source_location::current());

/// run_main for a main function without parameters: `int main()`.
template <class Main>
requires std::is_invocable_r_v<int, Main&> &&(!std::is_invocable_v<Main&, int, char**>) [[nodiscard]] ProgramResult
    run_main(Main&& main, std::vector<std::string> argv, const ProgramOptions& options = {},
             std::source_location where = std::source_location::current()) {
  return run_main(MainFunction([&main](int, char**) { return main(); }), std::move(argv), options, where);
}

}  // namespace testkit
