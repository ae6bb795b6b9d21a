#pragma once
/// What a test shares with the threads it starts: its patches and a link through which their failures
/// reach its Context while the test runs (and are dropped, not written to freed memory, after it ended).

#include <memory>
#include <mutex>
#include <vector>

#include <testkit/core/context.hpp>
#include <testkit/mock/detail/dispatch.hpp>

namespace testkit::detail {

/// The running test as its threads see it. The test's thread owns it; started threads hold it too.
struct TestLink : std::enable_shared_from_this<TestLink> {
  explicit TestLink(Context& context_) : context(&context_), test(context_.test()) {}

  std::mutex mutex;
  Context* context;               ///< null once the test ended
  const TestInfo* test;
  std::vector<Context*> relays;   ///< contexts of the started threads still running

  /// Moves `relay`'s failures into the test's context, if it still runs. Call with `mutex` held.
  void collect_locked(Context& relay);
  /// Collects every running thread's failures and marks the test ended.
  void close();
};

/// The calling thread's patch scope, made (owned by the thread) if it has none, e.g. outside any test.
[[nodiscard]] std::shared_ptr<PatchScope> patch_scope_for_this_thread();

/// The test link of the calling thread; null outside a test.
[[nodiscard]] TestLink* thread_test_link() noexcept;
/// Makes `link` the calling thread's test link and returns the previous one. The caller keeps it alive.
TestLink* exchange_thread_test_link(TestLink* link) noexcept;

/// Makes the pthread_create wrapper pass the test's context, patches and GoogleMock reporting to new
/// threads. Idempotent.
void install_thread_hooks() noexcept;

}  // namespace testkit::detail
