#pragma once
/// The events a run reports, in firing order: RunStarted, then TestStarted / TestEnded per test, then RunEnded.

#include <cstddef>
#include <span>

#include <testkit/core/result.hpp>

namespace testkit {

struct RunStarted {
  std::span<const TestInfo* const> plan;  ///< the tests that will run, in order
};

struct TestStarted {
  const TestInfo& test;
};

struct TestEnded {
  const TestResult& result;
};

struct RunEnded {
  const RunResult& run;
};

}  // namespace testkit
