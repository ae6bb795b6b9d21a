#pragma once
/// Running tests inside this process: on the calling thread, or on a pool of threads.

#include <span>

#include <testkit/core/result.hpp>
#include <testkit/report/listener.hpp>
#include <testkit/run/execution.hpp>

namespace testkit {

/// Runs the plan in this process. With one job every test runs on the calling thread (for debuggers);
/// with more, on that many threads, and all tests of one fixture class run in plan order on one thread so
/// that set_up_class / tear_down_class run once around them. Events reach `listener` one at a time.
/// A thread cannot be stopped, so when a test overruns its timeout it is reported timed out, RunEnded is
/// sent with what finished, and the process exits with status 1 at once.
[[nodiscard]] RunResult run_in_process(std::span<const TestInfo* const> plan, const Execution& execution,
                                       Listener& listener);

}  // namespace testkit
