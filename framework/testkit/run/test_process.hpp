#pragma once
/// The forked side of the process executor: one test in one process.

#include <testkit/core/black_box.hpp>
#include <testkit/core/lifecycle.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit::detail {

/// Runs `test` in this freshly forked process (which the caller has put in the process group the supervisor kills),
/// and ends the process. With `class_set_up` null, the process runs the module's and the test's class fixture hooks
/// around it; else a class host ran set_up_class (and a module host the module's set-up) before forking this process,
/// with that outcome (a failed module set-up's, if that failed), runs tear_down_class itself, and has called
/// prepare_test_processes.
/// Failures are streamed to `result_fd` as they are recorded, then an END record; a process forked by the
/// test that returns here sends nothing. Before the test runs, the process closes every descriptor but stdin (made
/// /dev/null), stdout, stderr and the result channel (moved to descriptor 3): a test inherits nothing of its
/// supervisor's. The process keeps the supervisor's role settings, but for `supervisor_symbolizes` and `tmp_root`
/// (tmp_path()'s; null: the supervisor's), which must live as long as the process.
[[noreturn]] void run_in_test_process(const TestInfo& test, int result_fd, BlackBox& box, bool supervisor_symbolizes,
                                      const char* tmp_root, const HookOutcome* class_set_up = nullptr);

/// In a process the supervisor (or a host) forked: the default action for the signals a supervisor handles or ignores
/// (SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGCHLD, SIGHUP).
void reset_signal_actions();

/// In a process the supervisor (or a host) forked: no signal blocked.
void unblock_signals();

/// In a class host, once set_up_class has returned and before it forks the first test process: gives this process what
/// every test process it forks would otherwise set up again (stdin from /dev/null, the default action for the
/// signals a supervisor handles, the crash handlers, the stack recorder, the sanitizers' callbacks), and runs an empty
/// test through the path a test process takes, so that the library functions on it are bound, malloc's caches made and
/// its pages mapped here once, and inherited. The signal mask is left as it is: each test process unblocks every
/// signal.
void prepare_test_processes();

}  // namespace testkit::detail
