#pragma once
/// What a Patch shares with the handlers it installed (they may outlive it on another thread).

#include <any>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <testkit/interpose/dispatch.hpp>
#include <testkit/mock/call.hpp>

namespace testkit::detail {

/// A Patch's configuration and its recorded calls. Thread-safe.
struct PatchState {
  enum class Mode { through, fixed, sequence, nth, answer, typed };

  mutable std::mutex mutex;
  std::vector<Call> calls;
  Mode mode = Mode::through;
  Outcome fixed{};
  std::vector<Outcome> sequence;
  std::size_t nth = 0;
  std::function<Outcome(const Call&)> answer;
  Function typed_function{};
  std::any typed_answer;

  /// Records `call` (stamping its order) and returns what to do with it: an Outcome, or the typed answer
  /// (a std::function<SignatureOf<F>> in the any) when one is set for `call.function`.
  std::pair<Outcome, std::any> take(Call call);
  /// Records a call answered elsewhere (in a process the test forked), stamping its order.
  void add_call(Call call);
};

/// Makes the handler through which calls to `function` reach `state`.
[[nodiscard]] std::shared_ptr<Handler> make_patch_handler(Function function, std::shared_ptr<PatchState> state);

}  // namespace testkit::detail
