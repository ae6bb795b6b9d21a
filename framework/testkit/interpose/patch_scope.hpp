#pragma once
/// The handlers that answer interposed calls, and the scope a test (and every thread it starts) keeps them in.
/// Everything declared here lives in the shared library testkit_interpose.

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <testkit/interpose/functions.hpp>

namespace testkit::detail {

/// Something that answers calls to one function; TypedHandler is the only kind.
struct Handler {
  virtual ~Handler() = default;
};

/// Answers calls to `F` with `answer`, which runs with patches bypassed (its own libc calls are real).
template <Function F> struct TypedHandler final : Handler {
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

/// The calling thread's patch scope, made (owned by the thread, ended with it) if it has none, e.g. outside
/// any test.
[[nodiscard]] std::shared_ptr<PatchScope> patch_scope_for_this_thread();

}  // namespace testkit::detail
