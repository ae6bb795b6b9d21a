#include <testkit/run/module_fixtures.hpp>

namespace testkit {

ModuleFixtures::ModuleFixtures(std::span<const TestInfo* const> plan) {
  if (!detail::has_module_hooks(ModuleHookKind::set_up_module) &&
      !detail::has_module_hooks(ModuleHookKind::tear_down_module))
    return;
  for (const TestInfo* test : plan)
    if (test->meta.skip.empty()) {
      first_ = test;
      break;
    }
}

void ModuleFixtures::set_up() {
  if (set_up_done_) return;
  set_up_done_ = true;
  if (first_ == nullptr) return;
  if (detail::has_module_hooks(ModuleHookKind::set_up_module))
    set_up_ = detail::run_module_hooks(ModuleHookKind::set_up_module, *first_);
  tears_down_ = set_up_.ok() && detail::has_module_hooks(ModuleHookKind::tear_down_module);
}

std::optional<TestResult> ModuleFixtures::replacement(const TestInfo& test) const {
  if (set_up_.ok() || !test.meta.skip.empty()) return std::nullopt;
  return detail::result_of_failed_set_up(test, set_up_);
}

void ModuleFixtures::tear_down(TestResult& last_result) {
  if (!tears_down_) return;
  tears_down_ = false;
  detail::add_tear_down_outcome(last_result,
                                detail::run_module_hooks(ModuleHookKind::tear_down_module, *last_result.test));
}

}  // namespace testkit
