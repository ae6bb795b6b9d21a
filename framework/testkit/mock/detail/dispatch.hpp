#pragma once
/// The interposer's dispatch: which handler, if any, serves a libc call made by the calling thread.
/// Everything declared here lives in the shared library testkit_interpose.

#include <atomic>
#include <cerrno>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include <testkit/mock/functions.hpp>

namespace testkit::detail {

/// How many handlers are installed in all threads together; zero means every call goes straight to libc.
/// Relaxed loads only: a patch is installed before the code it affects runs (same thread, or a thread
/// started afterwards), so the creating thread's ordering is enough.
extern std::atomic<int> active_handlers;

/// The function type of `F`'s canonical declaration.
template <Function F>
struct Signature;
#define TK_MOCK_SIGNATURE(name, ret, params) \
  template <>                                \
  struct Signature<Function::name> {         \
    using type = ret params;                 \
  };
TK_MOCK_FUNCTIONS(TK_MOCK_SIGNATURE)
#undef TK_MOCK_SIGNATURE

template <Function F>
using SignatureOf = typename Signature<F>::type;
template <class S>
struct ResultOfSignature;
template <class R, class... Args>
struct ResultOfSignature<R(Args...)> {
  using type = R;
};
template <Function F>
using ResultOf = typename ResultOfSignature<SignatureOf<F>>::type;

/// Something that answers calls to one function; TypedHandler is the only kind.
struct Handler {
  virtual ~Handler() = default;
};

/// Answers calls to `F` with `answer`, which runs with patches bypassed (its own libc calls are real).
template <Function F>
struct TypedHandler final : Handler {
  explicit TypedHandler(std::function<SignatureOf<F>> answer_) : answer(std::move(answer_)) {}
  std::function<SignatureOf<F>> answer;
};

/// The handlers a test (and the threads it started) installed. Thread-safe; newest handler wins. Always
/// made by std::make_shared (threads it is shared with keep it alive).
class PatchScope : public std::enable_shared_from_this<PatchScope> {
 public:
  PatchScope() = default;
  ~PatchScope();
  PatchScope(const PatchScope&) = delete;
  PatchScope& operator=(const PatchScope&) = delete;

  /// Installs `handler` for `function` on behalf of `owner` (removed together by remove(owner)).
  void add(Function function, std::shared_ptr<Handler> handler, const void* owner, std::string label);
  /// Removes every handler `owner` installed; harmless if there is none.
  void remove(const void* owner);
  /// Removes every handler and returns the labels of their owners, once per owner (the leaked patches).
  std::vector<std::string> remove_all();
  /// The newest handler for `function`, or null.
  [[nodiscard]] std::shared_ptr<Handler> find(Function function) const;
  /// The newest handler for `function` installed before `above`, or null (also when `above` is gone).
  [[nodiscard]] std::shared_ptr<Handler> find_below(Function function, const Handler* above) const;

 private:
  struct Entry {
    Function function;
    std::shared_ptr<Handler> handler;
    const void* owner;
    std::string label;
  };
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

/// The calling thread's patch scope (null: nothing patched for it).
[[nodiscard]] PatchScope* thread_patch_scope() noexcept;
/// Makes `scope` the calling thread's patch scope and returns the previous one. The caller keeps it alive.
PatchScope* exchange_thread_patch_scope(PatchScope* scope) noexcept;

/// While one exists, the calling thread's libc calls skip every patch: framework I/O and running handlers.
class BypassPatches {
 public:
  BypassPatches() noexcept;
  ~BypassPatches();
  BypassPatches(const BypassPatches&) = delete;
  BypassPatches& operator=(const BypassPatches&) = delete;
};

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

/// The libc definition of `function` (dlsym(RTLD_NEXT) once), or null while a resolution is under way
/// on this thread (dlsym calling back into an interposed function).
[[nodiscard]] void* real_address(Function function) noexcept;

/// Looks up the libc definition of every interposed function now. The forked runner calls it before its first
/// fork, so that its test processes do not each repeat the lookups of the calls they make first.
void resolve_real_functions() noexcept;

/// The libc definition of F, typed.
template <Function F>
[[nodiscard]] SignatureOf<F>* real() noexcept {
  return reinterpret_cast<SignatureOf<F>*>(real_address(F));
}

/// What `F` returns on failure when the real function cannot be reached.
template <Function F>
ResultOf<F> unresolved_result() noexcept {
  errno = ENOSYS;
  // getaddrinfo reports failure in its result: EAI_SYSTEM says "look at errno".
  if constexpr (F == Function::getaddrinfo) return EAI_SYSTEM;
  else if constexpr (std::is_pointer_v<ResultOf<F>>) return nullptr;
  else if constexpr (!std::is_void_v<ResultOf<F>>) return static_cast<ResultOf<F>>(-1);
}

/// Runs `handler` (a TypedHandler<F>) with patches bypassed.
template <Function F, class... Args>
ResultOf<F> run_handler(const Handler& handler, Args... args) {
  const BypassPatches bypass;
  const RunningHandler running(&handler);
  return static_cast<const TypedHandler<F>&>(handler).answer(args...);
}

/// Calls the real `F`.
template <Function F, class... Args>
ResultOf<F> call_real(Args... args) {
  auto* const function = real<F>();
  if (function == nullptr) [[unlikely]] return unresolved_result<F>();
  return function(args...);
}

/// The body of every interposed function: the handler of the calling thread's test, else libc.
template <Function F, class... Args>
ResultOf<F> call(Args... args) {
  if (active_handlers.load(std::memory_order_relaxed) != 0) [[unlikely]] {
    if (const std::shared_ptr<Handler> handler = find_handler(F)) return run_handler<F>(*handler, args...);
  }
  return call_real<F>(args...);
}

/// What "call through" means inside a handler: the handler installed before it (a Patch over a
/// FakeFilesystem reaches the fake), else the real function.
template <Function F, class... Args>
ResultOf<F> call_next(Args... args) {
  if (const std::shared_ptr<Handler> handler = find_next_handler(F)) return run_handler<F>(*handler, args...);
  return call_real<F>(args...);
}

/// What the pthread_create wrapper does for threads a test starts; set once by the static library.
struct ThreadHooks {
  /// In the parent: what the new thread should inherit, or null for nothing.
  void* (*capture)() noexcept;
  /// In the new thread, before its start routine.
  void (*enter)(void* inherited) noexcept;
  /// In the new thread after enter: runs the start routine and returns its result.
  void* (*run)(void* (*routine)(void*), void* argument);
  /// In the new thread after its start routine returned (or it called pthread_exit).
  void (*leave)(void* inherited) noexcept;
  /// In the parent instead of enter/leave, when the thread could not be created.
  void (*discard)(void* inherited) noexcept;
};

/// Installs the hooks the pthread_create wrapper calls (null: none).
void set_thread_hooks(const ThreadHooks* hooks) noexcept;

}  // namespace testkit::detail
