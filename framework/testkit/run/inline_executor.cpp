#include <testkit/run/inline_executor.hpp>

#include <chrono>

#include <testkit/core/lifecycle.hpp>
#include <testkit/run/class_fixtures.hpp>

namespace testkit {

RunResult run_inline(std::span<const TestInfo* const> plan, Listener& listener) {
  const auto start = std::chrono::steady_clock::now();
  RunResult run;
  run.results.reserve(plan.size());
  listener.on(RunStarted{plan});
  ClassFixtures fixtures(plan);
  for (const TestInfo* test : plan) {
    listener.on(TestStarted{*test});
    std::optional<TestResult> replaced = fixtures.before(*test);
    TestResult result = replaced ? std::move(*replaced) : detail::run_test(*test);
    fixtures.after(*test, result);
    listener.on(TestEnded{result});
    run.results.push_back(std::move(result));
  }
  run.duration = std::chrono::steady_clock::now() - start;
  listener.on(RunEnded{run});
  return run;
}

}  // namespace testkit
