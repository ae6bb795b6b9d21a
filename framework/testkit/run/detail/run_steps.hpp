#pragma once
/// The steps of a run once its settings are read, shared by a test binary's own run and testkit-run's.

#include <deque>
#include <string_view>
#include <vector>

#include <testkit/core/test_info.hpp>
#include <testkit/run/sanitizers.hpp>
#include <testkit/run/session.hpp>
#include <testkit/run/settings.hpp>
#include <testkit/run/worker.hpp>

namespace testkit::detail {

/// The tests a run draws from: this program's registry, or (testkit-run) other binaries' listings, whose tests
/// run in their binary as workers.
struct TestSource {
  const std::deque<TestInfo>& tests;
  std::vector<WorkerLaunch> workers{};  ///< not empty: each test runs in a worker started from its launch_of
  /// The sanitizer runtimes of the workers' binaries, as testkit-run found them (none without workers: this
  /// process's own are found by run_with).
  Sanitizers worker_sanitizers{};
};

/// Everything after the settings: the environment's files, the process role, the plan, then the listing, the
/// worker's one test or the run with its console and reports. Returns the outcome (exit code, results).
[[nodiscard]] RunOutcome run_with(const Settings& settings, std::string_view program, const TestSource& source);

}  // namespace testkit::detail
