#pragma once
/// The program's tests and module hooks, in registration order.

#include <deque>

#include <testkit/core/module_hook.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit {

/// Filled by the test macros during static initialization, read-only once main() runs.
/// Not thread-safe for writing; references to tests stay valid for the whole program.
class Registry {
 public:
  /// The program-wide registry.
  static Registry& instance();

  /// Adds a test at the end and returns the stored copy.
  const TestInfo& add(TestInfo test);

  [[nodiscard]] const std::deque<TestInfo>& tests() const { return tests_; }

  /// Adds a TK_SET_UP_MODULE or TK_TEAR_DOWN_MODULE function at the end.
  void add_module_hook(const ModuleHook& hook) { module_hooks_.push_back(hook); }
  [[nodiscard]] const std::deque<ModuleHook>& module_hooks() const { return module_hooks_; }

 private:
  std::deque<TestInfo> tests_;
  std::deque<ModuleHook> module_hooks_;
};

}  // namespace testkit
