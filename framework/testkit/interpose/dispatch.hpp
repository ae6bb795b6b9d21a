#pragma once
/// The interposer's dispatch: which handler, if any, serves a libc call made by the calling thread.
/// Everything declared here lives in the shared library testkit_interpose.

#include <atomic>
#include <memory>

#include <testkit/interpose/bypass.hpp>
#include <testkit/interpose/functions.hpp>
#include <testkit/interpose/patch_scope.hpp>
#include <testkit/interpose/real_functions.hpp>

namespace testkit::detail {

/// How many handlers are installed in all threads together; zero means every call goes straight to libc.
/// Relaxed loads only: a patch is installed before the code it affects runs (same thread, or a thread
/// started afterwards), so the creating thread's ordering is enough.
extern std::atomic<int> active_handlers;

/// The handler that serves the calling thread's call to `function`, or null (bypassed, or not patched).
[[nodiscard]] std::shared_ptr<Handler> find_handler(Function function);

/// Inside a handler: the handler for `function` installed before the one running on this thread, or null.
[[nodiscard]] std::shared_ptr<Handler> find_next_handler(Function function);

/// Marks `handler` as the one running on this thread while it exists (what find_next_handler starts from).
class RunningHandler {
 public:
  explicit RunningHandler(const Handler* handler) noexcept;
  ~RunningHandler();
  RunningHandler(const RunningHandler&) = delete;
  RunningHandler& operator=(const RunningHandler&) = delete;

 private:
  const Handler* previous_;
};

/// Runs `handler` (a TypedHandler<F>) with patches bypassed.
template <Function F, class... Args> ResultOf<F> run_handler(const Handler& handler, Args... args) {
  const BypassPatches bypass;
  const RunningHandler running(&handler);
  return static_cast<const TypedHandler<F>&>(handler).answer(args...);
}

/// The body of every interposed function: the handler of the calling thread's test, else libc.
template <Function F, class... Args> ResultOf<F> call(Args... args) {
  if (active_handlers.load(std::memory_order_relaxed) != 0) [[unlikely]] {
    if (const std::shared_ptr<Handler> handler = find_handler(F)) return run_handler<F>(*handler, args...);
  }
  return call_real<F>(args...);
}

/// What "call through" means inside a handler: the handler installed before it (a Patch over a
/// FakeFilesystem reaches the fake), else the real function.
template <Function F, class... Args> ResultOf<F> call_next(Args... args) {
  if (const std::shared_ptr<Handler> handler = find_next_handler(F)) return run_handler<F>(*handler, args...);
  return call_real<F>(args...);
}

}  // namespace testkit::detail
