// One handler type per patchable function, instantiated here once so that patch.hpp stays thin.
#include <testkit/mock/detail/patch_state.hpp>

#include <array>
#include <cerrno>
#include <type_traits>
#include <utility>

namespace testkit::detail {
namespace {

template <Function F, class R> R apply(const Outcome& outcome) {
  if constexpr (std::is_void_v<R>) {
    if (outcome.kind == Outcome::Kind::error) errno = outcome.error;
  } else if constexpr (std::is_pointer_v<R>) {
    if (outcome.kind == Outcome::Kind::error) {
      errno = outcome.error;
      return nullptr;
    }
    return reinterpret_cast<R>(static_cast<std::intptr_t>(outcome.value));
  } else {
    if (outcome.kind == Outcome::Kind::value) return static_cast<R>(outcome.value);
    // getaddrinfo reports failure in its result, not in errno.
    if constexpr (F == Function::getaddrinfo) return static_cast<R>(outcome.error);
    errno = outcome.error;
    return static_cast<R>(-1);
  }
}

template <Function F, class R, class... Args>
std::shared_ptr<Handler> make_typed(std::shared_ptr<PatchState> state, R (*)(Args...)) {
  return std::make_shared<TypedHandler<F>>([state = std::move(state)](Args... arguments) -> R {
    auto [outcome, typed] = state->take(Call{F, {describe_argument(arguments)...}, 0});
    if (auto* const answer = std::any_cast<std::function<SignatureOf<F>>>(&typed)) return (*answer)(arguments...);
    if (outcome.kind != Outcome::Kind::through) return apply<F, R>(outcome);
    return call_next<F>(arguments...);
  });
}

template <Function F> std::shared_ptr<Handler> make_for(std::shared_ptr<PatchState> state) {
  return make_typed<F>(std::move(state), static_cast<SignatureOf<F>*>(nullptr));
}

using Factory = std::shared_ptr<Handler> (*)(std::shared_ptr<PatchState>);

constexpr std::array<Factory, function_count> factories{
#define TK_MOCK_FACTORY(name, ret, params) &make_for<Function::name>,
    TK_INTERPOSED_FUNCTIONS(TK_MOCK_FACTORY)
#undef TK_MOCK_FACTORY
};

}  // namespace

std::shared_ptr<Handler> make_patch_handler(Function function, std::shared_ptr<PatchState> state) {
  return factories[static_cast<std::size_t>(function)](std::move(state));
}

}  // namespace testkit::detail
