#pragma once
/// Set up around each test by the runner: the test's own patch scope, its link to the threads it starts,
/// and GoogleMock reporting into its Context.

#include <memory>
#include <optional>

#include <testkit/core/context.hpp>
#include <testkit/mock/detail/dispatch.hpp>
#include <testkit/mock/detail/thread_scope.hpp>
#include <testkit/mock/gmock_bridge.hpp>

namespace testkit::detail {

/// Lives on the test's thread for the whole test, inside the test's ContextScope. On destruction it
/// reports patches still active as failures and removes them, and collects failures of started threads.
class TestIsolation {
 public:
  explicit TestIsolation(Context& context);
  ~TestIsolation();
  TestIsolation(const TestIsolation&) = delete;
  TestIsolation& operator=(const TestIsolation&) = delete;

 private:
  Context& context_;
  std::shared_ptr<PatchScope> scope_;
  std::shared_ptr<TestLink> link_;
  PatchScope* previous_scope_;
  TestLink* previous_link_;
  std::optional<GmockFailureForwarder> forwarder_;
};

}  // namespace testkit::detail
