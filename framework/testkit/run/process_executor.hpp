#pragma once
/// Running each test in a process of its own.

#include <span>

#include <testkit/core/result.hpp>
#include <testkit/report/listener.hpp>
#include <testkit/run/execution.hpp>

namespace testkit {

/// Runs every test of the plan in a forked process, `execution.jobs` at once, from a single-threaded
/// supervisor that runs no test code. A test passes only if it ran to its end; crashes, early exits,
/// timeouts (SIGTERM to its process group, grace, SIGKILL), stops and output floods become verdicts, and
/// stdout / stderr are captured per test. Processes the test left behind in its group are killed.
/// SIGINT / SIGTERM to the runner stop the running tests; the result then holds what finished, and
/// `interrupted_by` the signal. In the default mode the tests of each fixture class (and the free tests) are forked
/// by a class host that ran set_up_class once before them and runs tear_down_class once after them (class_host.hpp);
/// under --sandbox and for testkit-run's workers each test's process runs the class fixtures around its one test.
[[nodiscard]] RunResult run_forked(std::span<const TestInfo* const> plan, const Execution& execution,
                                   Listener& listener);

}  // namespace testkit
