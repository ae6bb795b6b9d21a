#pragma once
/// What a test shares with the threads it starts: its patches, its tmp_path() directory, and a link through which
/// their failures reach its Context while the test runs (and are dropped, not written to freed memory, after it
/// ended). The interposed pthread_create calls the hooks installed here.

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include <testkit/core/child_log.hpp>
#include <testkit/core/context.hpp>
#include <testkit/core/tmp_path.hpp>

namespace testkit::detail {

/// The running test as its threads see it. The test's thread owns it; started threads hold it too.
struct TestLink : std::enable_shared_from_this<TestLink> {
  explicit TestLink(Context& context_) : context(&context_), test(context_.test()) {}

  std::mutex mutex;
  Context* context;  ///< null once the test ended
  const TestInfo* test;
  std::vector<Context*> relays;  ///< contexts of the started threads still running
  ChildLog children;             ///< what the processes the test forks record for it
  TestTmpDir tmp_dir;            ///< the test's tmp_path(), the same for every thread of the test
  /// When the test started (its set_up): what the time it has left is counted from.
  const std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  /// Moves `relay`'s failures and executed assertions into the test's context, if it still runs. Call with `mutex`
  /// held, once a relay: when its thread leaves (taking it out of `relays`), or when the test ends (`context` null).
  void collect_locked(Context& relay);
  /// Collects every running thread's failures and marks the test ended.
  void close();
};

/// The test link of the calling thread; null outside a test.
[[nodiscard]] TestLink* thread_test_link() noexcept;
/// The context a thread the test started records into (its relay), or null on any other thread.
[[nodiscard]] Context* thread_relay_context() noexcept;
/// Makes `link` the calling thread's test link and returns the previous one. The caller keeps it alive.
TestLink* exchange_thread_test_link(TestLink* link) noexcept;

/// Makes the pthread_create wrapper pass the test's context, patches and TestThreadHook to new threads.
/// Idempotent.
void install_thread_hooks() noexcept;

/// A higher layer's part in every thread that runs test code: the test's own thread for the whole test, and
/// each thread the test starts, for that thread's life. mock/ installs GoogleMock's failure forwarding here.
struct TestThreadHook {
  /// On the thread, before test code runs there; returns what `detach` receives. May throw.
  void* (*attach)();
  /// On the same thread, after the test code there ended.
  void (*detach)(void* attached) noexcept;
};

/// Installs `hook` (null: none) for the tests and threads that start from now on; it must outlive them.
/// Call before any test runs.
void set_test_thread_hook(const TestThreadHook* hook) noexcept;

/// Keeps the installed TestThreadHook attached to the calling thread while it exists.
class TestThreadAttachment {
 public:
  TestThreadAttachment();
  ~TestThreadAttachment();
  TestThreadAttachment(const TestThreadAttachment&) = delete;
  TestThreadAttachment& operator=(const TestThreadAttachment&) = delete;

 private:
  const TestThreadHook* hook_;
  void* attached_ = nullptr;
};

}  // namespace testkit::detail
