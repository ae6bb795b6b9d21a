#pragma once
/// A Listener that writes down a run's events, for the runner selftests.

#include <cstddef>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <testkit/report/listener.hpp>

namespace testkit::selftest {

/// Records each event as one line of text, in firing order, and keeps a copy of every TestResult (the
/// references inside events die with the call). Its results point to the TestInfos of the plan, which must
/// outlive it. One thread at a time, like every Listener.
/// Example:
///   RecordingListener recorder;
///   (void)testkit::run_inline(plan, recorder);
///   // recorder.events() == {"run_started 1", "test_started Suite.a", "test_ended Suite.a passed", "run_ended"}
class RecordingListener final : public Listener {
 public:
  /// "run_started <number of tests in the plan>"
  void on(const RunStarted& event) override { events_.push_back(fmt::format("run_started {}", event.plan.size())); }
  /// "test_started Suite.name"
  void on(const TestStarted& event) override { events_.push_back("test_started " + event.test.full_name()); }
  /// "test_ended Suite.name <verdict>"
  void on(const TestEnded& event) override {
    events_.push_back(fmt::format("test_ended {} {}", event.result.test->full_name(), to_string(event.result.verdict)));
    results_.push_back(event.result);
  }
  /// "run_ended"; the run's result count is kept in run_ended_results().
  void on(const RunEnded& event) override {
    events_.emplace_back("run_ended");
    run_ended_results_ = event.run.results.size();
  }

  /// Every event so far, oldest first.
  [[nodiscard]] const std::vector<std::string>& events() const { return events_; }
  /// Copies of the results of TestEnded events, in the order they arrived.
  [[nodiscard]] const std::vector<TestResult>& results() const { return results_; }
  /// How many results the RunEnded event carried (0 before it arrived).
  [[nodiscard]] std::size_t run_ended_results() const { return run_ended_results_; }

 private:
  std::vector<std::string> events_;
  std::vector<TestResult> results_;
  std::size_t run_ended_results_ = 0;
};

}  // namespace testkit::selftest
