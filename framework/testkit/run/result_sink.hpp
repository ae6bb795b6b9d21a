#pragma once
/// Reporting the results of tests that run at the same time.

#include <cstddef>
#include <map>
#include <span>

#include <testkit/core/result.hpp>
#include <testkit/report/listener.hpp>

namespace testkit::detail {

/// Turns started and finished tests into TestStarted / TestEnded events and collects the run's results. With
/// `in_plan_order`, both events of a test are held back until every earlier test of the plan has finished,
/// so the output does not depend on timing (--deterministic); otherwise they go out as they happen.
/// Not thread-safe.
class ResultSink {
 public:
  ResultSink(Listener& listener, std::span<const TestInfo* const> plan, bool in_plan_order);

  /// The test at `plan_index` started (reported now, unless events keep plan order).
  void started(std::size_t plan_index);
  /// The test at `plan_index` finished with `result`.
  void finished(std::size_t plan_index, TestResult result);
  /// Reports the results held back behind tests that will never finish (the run was stopped), in plan order.
  void release_held();
  /// The results reported so far, in the order they were reported; held-back results are dropped.
  [[nodiscard]] RunResult take() { return std::move(run_); }

 private:
  void emit(TestResult result);

  Listener& listener_;
  std::span<const TestInfo* const> plan_;
  bool in_plan_order_;
  std::size_t next_in_order_ = 0;
  std::map<std::size_t, TestResult> held_;
  RunResult run_;
};

}  // namespace testkit::detail
