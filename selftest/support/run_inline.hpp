#pragma once
/// Selftest support: running a plan on the calling thread, with the in-process executor's defaults (one job).

#include <span>

#include <testkit/run/in_process_executor.hpp>

namespace testkit {

/// Runs the plan's tests one after another on this thread (debuggers see plain calls), with class
/// fixtures and the default timeout, reporting each event to `listener`.
[[nodiscard]] inline RunResult run_inline(std::span<const TestInfo* const> plan, Listener& listener) {
  return run_in_process(plan, Execution{}, listener);
}

}  // namespace testkit
