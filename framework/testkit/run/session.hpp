#pragma once
/// The whole life of a test binary: options, plan, run, exit code; also as a call that returns (run_tests).

#include <string>
#include <string_view>
#include <vector>

#include <testkit/core/result.hpp>
#include <testkit/run/exit_code.hpp>

namespace testkit {

/// What a run_tests call did.
struct RunOutcome {
  /// What the test binary would exit with (testkit::exit_code): 0 all passed, 1 a test failed, 2 usage error,
  /// 3 internal error, 5 no test selected, 130 interrupted; 0 after --help and --list.
  int exit_code = exit_code::success;
  Tally tally{};    ///< verdict counts of the tests that ran
  RunResult run{};  ///< every result in the order the tests ended; empty when none ran (--list, a usage error)
};

/// Runs the registered tests as the command-line options `args` ask (the binary's options without the program name:
/// --filter, --no-fork, -j, --repeat, report files...), printing the console report as the binary does, and returns
/// instead of exiting (unittest.main(exit=False)). Call it again for another run: each call reads its options and
/// the environment afresh, and puts back the process role it changed. `program` names the binary in messages and
/// reports (argv[0]; empty: this process's). Call it from one thread at a time; a crash or a timeout under
/// --no-fork still ends the process.
/// Example: testkit::RunOutcome outcome = testkit::run_tests({"--filter", "Parser.*", "--no-fork"});
[[nodiscard]] RunOutcome run_tests(const std::vector<std::string>& args, std::string_view program = {});

/// Runs the registered tests as the command line says and returns the process exit code (see exit_code):
/// run_tests with argv[1...] and argv[0].
/// Example: int main(int argc, char** argv) { return testkit::run_main(argc, argv); }
[[nodiscard]] int run_main(int argc, const char* const* argv);

}  // namespace testkit
