#include <testkit/run/class_fixtures.hpp>

namespace testkit {

ClassFixtures::ClassFixtures(std::span<const TestInfo* const> plan) {
  for (const TestInfo* test : plan)
    if (test->fixture != nullptr) last_test_[test->fixture] = test;
}

std::optional<TestResult> ClassFixtures::before(const TestInfo& test) {
  if (test.fixture == nullptr || !test.meta.skip.empty()) return std::nullopt;
  auto done = set_up_.find(test.fixture);
  if (done == set_up_.end())
    done = set_up_.emplace(test.fixture, run_class_hook(*test.fixture, detail::ClassHook::set_up_class, test)).first;
  if (done->second.ok()) return std::nullopt;
  return detail::result_of_failed_set_up(test, done->second);
}

void ClassFixtures::after(const TestInfo& test, TestResult& result) {
  if (test.fixture == nullptr || last_test_.at(test.fixture) != &test) return;
  const auto done = set_up_.find(test.fixture);
  if (done == set_up_.end() || !done->second.ok()) return;
  detail::add_tear_down_outcome(result, run_class_hook(*test.fixture, detail::ClassHook::tear_down_class, test));
}

}  // namespace testkit
