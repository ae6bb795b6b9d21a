#pragma once
/// Running a plan on the calling thread.

#include <span>

#include <testkit/core/result.hpp>
#include <testkit/report/listener.hpp>

namespace testkit {

/// Runs the plan's tests one after another on this thread (debuggers see plain calls), with class
/// fixtures, reporting each event to `listener`.
[[nodiscard]] RunResult run_inline(std::span<const TestInfo* const> plan, Listener& listener);

}  // namespace testkit
