#pragma once
/// Set up around each test by run_test: the test's own patch scope, its link to the threads it starts, and the
/// higher layers' TestThreadHook (GoogleMock reporting into its Context).

#include <memory>
#include <optional>

#include <testkit/core/context.hpp>
#include <testkit/core/thread_link.hpp>

namespace testkit::detail {

class PatchScope;

/// Lives on the test's thread for the whole test, inside the test's ContextScope. On destruction it
/// reports patches still active as failures and removes them, and collects failures of started threads.
class TestScope {
 public:
  explicit TestScope(Context& context);
  ~TestScope();
  TestScope(const TestScope&) = delete;
  TestScope& operator=(const TestScope&) = delete;

 private:
  Context& context_;
  std::shared_ptr<PatchScope> scope_;
  std::shared_ptr<TestLink> link_;
  PatchScope* previous_scope_;
  TestLink* previous_link_;
  std::optional<TestThreadAttachment> attachment_;
};

}  // namespace testkit::detail
