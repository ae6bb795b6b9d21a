#include <testkit/run/retry.hpp>

#include <utility>
#include <vector>

namespace testkit::detail {

bool runs_again(const TestResult& latest, std::size_t retries) {
  return is_failure(latest.verdict) && latest.attempts.size() < retries;
}

TestResult after_retry(TestResult previous, TestResult next, std::size_t retries) {
  std::vector<TestResult> earlier = std::move(previous.attempts);
  previous.attempts.clear();
  previous.retries = 0;
  earlier.push_back(std::move(previous));
  next.attempts = std::move(earlier);
  next.retries = retries;
  if (next.verdict == Verdict::passed || next.verdict == Verdict::expected_failure) next.verdict = Verdict::flaky;
  return next;
}

}  // namespace testkit::detail
