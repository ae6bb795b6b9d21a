#pragma once
/// What this process is to a run, and the settings the lower layers read from it. The runner sets it once per
/// process (a forked test process takes its own before its test runs); everything below run/ only reads it.

#include <chrono>

namespace testkit {
struct Failure;
}  // namespace testkit

namespace testkit::detail {

struct BlackBox;
class Context;

/// The part a process plays in a run.
enum class ProcessKind {
  in_process,    ///< runs the tests itself (--no-fork), or has not been told otherwise (the default)
  supervisor,    ///< starts one process per test and runs no test code itself
  test_process,  ///< a forked process that runs one test and streams what it records to its supervisor
  test_child,    ///< a process the code of a test forked (without exec): what it records goes to the test's log
};

/// The role and its settings.
struct ProcessRole {
  ProcessKind kind = ProcessKind::in_process;
  /// Capture stack traces of failures (false when nothing would show them: --deterministic).
  bool stacktraces = true;
  /// test_process: where the facts a crash leaves go; the supervisor reads them after the process ended.
  BlackBox* black_box = nullptr;
  /// test_process: the supervisor is this process's fork parent, with the same image: failures go to it as raw
  /// stack frames, which it symbolizes with the symbol tables it already loaded. False for a test binary that
  /// testkit-run started (it symbolizes its own failures).
  bool supervisor_symbolizes = false;
  /// test_process: sends each failure of the test to the supervisor as it is recorded (any thread);
  /// test_child: appends it to the test's child log.
  void (*send_failure)(const Failure& failure) = nullptr;
  /// test_child: this process's copy of the context of the test that forked it. A phase of that test that returns
  /// here ends the process (the child's code ran to the end of the test's code instead of exiting).
  const Context* forked_from = nullptr;
  /// Where tmp_path() makes the tests' directories: TMPDIR when the run started (a sandboxed test's private
  /// directory); null: /tmp. The runner keeps the text alive while the role is in place.
  const char* tmp_root = nullptr;
  /// --keep-tmp: tmp_path() directories stay after their tests.
  bool keep_tmp = false;
  /// --timeout: how long a test whose metadata sets no timeout may run; zero means none. What run_program and
  /// run_main derive their default timeout from (the time the test has left).
  std::chrono::milliseconds default_timeout{0};
  /// --update-golden: TK_EXPECT_GOLDEN writes the golden file it compares with, instead of failing.
  bool update_golden = false;
};

namespace role_storage {
/// Read through process_role(); written only by assume_process_role.
inline constinit ProcessRole current{};
}  // namespace role_storage

/// This process's role. Cheap (an inline read): checked on every passing assertion.
[[nodiscard]] inline const ProcessRole& process_role() noexcept { return role_storage::current; }

/// Makes `role` this process's role. Called by the runner while no test thread runs: at start-up, and in a
/// new test process right after the fork.
void assume_process_role(const ProcessRole& role) noexcept;

}  // namespace testkit::detail
