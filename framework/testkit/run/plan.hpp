#pragma once
/// Which tests a run executes, in which order.

#include <deque>
#include <vector>

#include <testkit/core/test_info.hpp>
#include <testkit/run/options.hpp>

namespace testkit {

/// The tests that the filter and tag options select, in registration order.
[[nodiscard]] std::vector<const TestInfo*> make_plan(const std::deque<TestInfo>& tests, const Options& options);

}  // namespace testkit
