#pragma once
/// The libc definitions behind the interposed functions, looked up once.

#include <cerrno>
#include <type_traits>

#include <netdb.h>

#include <testkit/interpose/functions.hpp>

namespace testkit::detail {

/// The libc definition of `function` (dlsym(RTLD_NEXT) once), or null while a resolution is under way
/// on this thread (dlsym calling back into an interposed function).
[[nodiscard]] void* real_address(Function function) noexcept;

/// Looks up the libc definition of every interposed function now. The forked runner calls it before its first
/// fork, so that its test processes do not each repeat the lookups of the calls they make first.
void resolve_real_functions() noexcept;

/// The libc definition of F, typed.
template <Function F> [[nodiscard]] SignatureOf<F>* real() noexcept {
  return reinterpret_cast<SignatureOf<F>*>(real_address(F));
}

/// What `F` returns on failure when the real function cannot be reached.
template <Function F> ResultOf<F> unresolved_result() noexcept {
  errno = ENOSYS;
  // getaddrinfo reports failure in its result: EAI_SYSTEM says "look at errno".
  if constexpr (F == Function::getaddrinfo)
    return EAI_SYSTEM;
  else if constexpr (std::is_pointer_v<ResultOf<F>>)
    return nullptr;
  else if constexpr (!std::is_void_v<ResultOf<F>>)
    return static_cast<ResultOf<F>>(-1);
}

/// Calls the real `F`, whatever is patched.
template <Function F, class... Args> ResultOf<F> call_real(Args... args) {
  auto* const function = real<F>();
  if (function == nullptr) [[unlikely]]
    return unresolved_result<F>();
  return function(args...);
}

}  // namespace testkit::detail
