#pragma once
/// The settings every executor follows.

#include <chrono>
#include <cstddef>
#include <vector>

#include <testkit/core/test_info.hpp>
#include <testkit/run/sandbox.hpp>
#include <testkit/run/worker.hpp>

namespace testkit {

/// How a plan is executed (filled from the command line).
struct Execution {
  std::size_t jobs = 1;                               ///< tests running at once
  std::chrono::milliseconds timeout{60'000};          ///< for tests whose metadata sets none; 0 = none
  std::chrono::milliseconds grace{1'000};             ///< between SIGTERM and SIGKILL of a timed-out test
  std::size_t output_limit = std::size_t{256} << 20;  ///< bytes of stdout + stderr per test; 0 = none
  bool in_plan_order = false;                         ///< report in plan order whatever the timing
  bool fail_fast = false;                             ///< start no test after the first failure
  SandboxSettings sandbox{};                          ///< --sandbox (process executor only)
  /// testkit-run: each test's process execs the binary of these that holds the test (launch_of) as its worker,
  /// instead of running the test from this process's own registry (process executor only); empty otherwise.
  std::vector<WorkerLaunch> workers{};
};

/// The timeout that applies to `test`: its metadata's, else the run's; zero means none.
[[nodiscard]] inline std::chrono::milliseconds timeout_of(const TestInfo& test, const Execution& execution) {
  return test.meta.timeout.count() > 0 ? test.meta.timeout : execution.timeout;
}

}  // namespace testkit
