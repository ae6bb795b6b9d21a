#pragma once
/// Running a program and collecting what it wrote and how it ended, for the end-to-end selftests.

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace testkit::selftest {

/// A signal sent to a running program `after` its start (to the program only, not to its process group), and
/// not before `ready` (when set) returns true: it is then asked every 10 ms, on the thread of run_process.
struct TimedSignal {
  int number = 0;
  std::chrono::milliseconds after{};
  std::function<bool()> ready{};
};

/// How to start a program besides its arguments.
struct ProcessSetup {
  std::vector<std::pair<std::string, std::string>> set_env{};  ///< variables added or replaced
  std::vector<std::string> unset_env{};                        ///< variables removed
  std::string working_directory{};                             ///< empty: the caller's
  std::chrono::milliseconds timeout{30'000};                   ///< then its process group gets SIGKILL
  std::vector<TimedSignal> signals{};                          ///< sent while it runs, in order of `after`
};

/// How a program ended and everything it wrote.
struct ProcessResult {
  std::string out{};                    ///< all of its stdout
  std::string err{};                    ///< all of its stderr
  int exit_code = -1;                   ///< its exit status, or -1 when a signal ended it
  int signal = 0;                       ///< the signal that ended it, or 0
  bool timed_out = false;               ///< it outlived setup.timeout and was killed
  std::chrono::milliseconds elapsed{};  ///< from its start until it ended and its output was read

  [[nodiscard]] bool exited() const { return signal == 0; }
};

/// Runs `program` (a path; no PATH search, no shell) with `arguments` as argv[1...], stdin from /dev/null,
/// in a process group of its own, and waits for it while draining its stdout and stderr concurrently, so
/// that any amount of output is collected. Throws std::system_error when the program cannot be started.
/// Example: auto r = run_process("/bin/echo", {"hi"}); // r.out == "hi\n", r.exit_code == 0
[[nodiscard]] ProcessResult run_process(const std::string& program, const std::vector<std::string>& arguments,
                                        const ProcessSetup& setup = {});

}  // namespace testkit::selftest
