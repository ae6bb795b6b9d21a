#pragma once
/// The settings every executor follows.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <vector>

#include <testkit/core/test_info.hpp>
#include <testkit/run/sandbox.hpp>
#include <testkit/run/worker.hpp>

namespace testkit {

/// How a plan is executed (filled from the command line).
struct Execution {
  std::size_t jobs = 1;                               ///< tests running at once
  std::chrono::milliseconds timeout{60'000};          ///< for tests whose metadata sets none (scaled); 0 = none
  double timeout_scale = 1;                           ///< what the metadata's timeouts are multiplied by
  std::chrono::milliseconds grace{1'000};             ///< between SIGTERM and SIGKILL of a timed-out test
  std::size_t output_limit = std::size_t{256} << 20;  ///< bytes of stdout + stderr per test; 0 = none
  bool in_plan_order = false;                         ///< report in plan order whatever the timing
  bool fail_fast = false;                             ///< start no test after the first failure
  std::size_t retries = 0;    ///< --retries: times a failing test runs again, for tests whose metadata sets none
  SandboxSettings sandbox{};  ///< --sandbox (process executor only)
  /// testkit-run: each test's process execs the binary of these that holds the test (launch_of) as its worker,
  /// instead of running the test from this process's own registry (process executor only); empty otherwise.
  std::vector<WorkerLaunch> workers{};
};

/// `timeout` times `scale` (at least 1 ms unless `timeout` is 0, which means none).
[[nodiscard]] inline std::chrono::milliseconds scale_timeout(std::chrono::milliseconds timeout, double scale) {
  if (timeout.count() <= 0) return timeout;
  return std::chrono::milliseconds(std::max(1LL, std::llround(static_cast<double>(timeout.count()) * scale)));
}

/// The timeout that applies to `test`: its metadata's (scaled), else the run's; zero means none.
[[nodiscard]] inline std::chrono::milliseconds timeout_of(const TestInfo& test, const Execution& execution) {
  return test.meta.timeout.count() > 0 ? scale_timeout(test.meta.timeout, execution.timeout_scale) : execution.timeout;
}

/// The most times a test may run again after failing (--retries, `.retries`).
inline constexpr std::size_t max_retries = 1000;

/// How many times `test` runs again after a failing attempt: its metadata's `.retries`, else the run's (at most
/// max_retries).
[[nodiscard]] inline std::size_t retries_of(const TestInfo& test, const Execution& execution) {
  return test.meta.retries ? std::min<std::size_t>(*test.meta.retries, max_retries) : execution.retries;
}

}  // namespace testkit
