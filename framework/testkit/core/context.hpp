#pragma once
/// The test that the calling thread is running, and what it has recorded so far.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <testkit/core/failure.hpp>
#include <testkit/core/test_info.hpp>

namespace testkit::detail {

/// Thrown by a fatal assertion to end the current phase. Not a std::exception on purpose, so that
/// code under test catching std::exception does not swallow it.
struct FatalFailure {};

/// Thrown by TK_SKIP to end the current phase and mark the test skipped.
struct SkipRequested {
  std::string reason;
};

/// Collects what happens during one test. Thread-safe: assertions may come from any thread the test runs;
/// the phase and subtest label are set by the thread that runs the test.
class Context {
 public:
  /// Failures kept per test; later ones are only counted.
  static constexpr std::size_t max_kept_failures = 100;
  /// Failures per test that get a stack trace (capturing one costs milliseconds).
  static constexpr std::size_t max_traced_failures = 8;

  /// `streams`: this is the context of a test or class hook being run (not of capture_failures), whose
  /// failures go to the process role's send_failure as they are recorded (under this context's lock). In a process
  /// that sends its failures, only one context streams at a time: a test that runs other tests (on threads of its
  /// own, which need not know they run inside it) is the one whose failures are sent.
  explicit Context(const TestInfo* test, bool streams = false);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  [[nodiscard]] bool streams() const { return streams_; }
  /// From now on failures go to the process role's send_failure as they are recorded (see ChildLog).
  void stream_failures();

  /// The test being run; null when a Context collects failures outside any registered test.
  [[nodiscard]] const TestInfo* test() const { return test_; }

  /// Records a failure, stamping it with the current phase and subtest label.
  void add_failure(Failure failure);
  /// True until max_traced_failures failures have been recorded.
  [[nodiscard]] bool wants_stacktrace() const;
  [[nodiscard]] bool has_failures() const;
  /// Moves the recorded failures out; `omitted` receives how many were dropped past the cap.
  [[nodiscard]] std::vector<Failure> take_failures(std::size_t& omitted);

  /// Counts one executed TK_ assertion, passed or failed, from any thread of the test.
  void count_assertion() noexcept { shared_assertions_.fetch_add(1, std::memory_order_relaxed); }
  /// The same from the thread that made this context, the only one that calls it: without a locked instruction,
  /// which cost a fifth of a run of passing assertions.
  void count_own_assertion() noexcept {
    own_assertions_.store(own_assertions_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
  /// The TK_ assertions executed in this context so far.
  [[nodiscard]] std::uint64_t assertions() const noexcept {
    return own_assertions_.load(std::memory_order_relaxed) + shared_assertions_.load(std::memory_order_relaxed);
  }
  /// Adds `count` assertions that another context counted (a started thread's, see TestLink).
  void add_assertions(std::uint64_t count) noexcept { shared_assertions_.fetch_add(count, std::memory_order_relaxed); }

  void set_phase(std::string phase);
  [[nodiscard]] std::string subtest() const;
  void set_subtest(std::string label);

 private:
  const TestInfo* test_;
  bool streams_;
  bool holds_the_stream_ = false;  ///< this context claimed the process's one streaming place
  std::string phase_ = "test";
  std::string subtest_;
  mutable std::mutex mutex_;
  std::vector<Failure> failures_;
  std::size_t recorded_ = 0;
  std::atomic<std::uint64_t> own_assertions_{0};     // counted by the thread that made the context
  std::atomic<std::uint64_t> shared_assertions_{0};  // counted by the test's other threads
  Context* made_before_;                             // the context the making thread had made before this one
};

/// The context of the calling thread, or null outside a test.
[[nodiscard]] Context* current_context() noexcept;

/// Counts an executed TK_ assertion in the calling thread's test; nothing outside a test.
void count_assertion() noexcept;

/// Records `failure` on the calling thread's test. Outside a test it prints the failure to stderr instead and
/// returns false: for failures that code outside any test can cause (a mock or a fake outliving its test).
bool record_or_print(Failure failure);

/// Leaves the context a forked test process inherited from the test that forked it (a selftest calling the
/// runner), so that the test the process runs is its outermost one and streams its failures.
void forget_inherited_context() noexcept;

/// Makes `context` the calling thread's current one for good, whatever scope is open: a child that a started
/// thread of a test forked reports to the test itself, not to that thread's relay.
void adopt_context(Context& context) noexcept;

/// Makes `context` the calling thread's current one for the scope's lifetime, then restores the previous.
class ContextScope {
 public:
  explicit ContextScope(Context& context);
  ~ContextScope();
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;

 private:
  Context* previous_;
};

}  // namespace testkit::detail
