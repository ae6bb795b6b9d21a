#pragma once
/// Connects a GoogleMock class's methods to the dispatch: each patched call becomes a call of the method,
/// and a method without an expectation calls through (to a fake installed before the mock, else libc).

#include <memory>
#include <string>
#include <utility>

#include <gmock/gmock.h>

#include <testkit/interpose/dispatch.hpp>
#include <testkit/interpose/patch_scope.hpp>

namespace testkit::detail {

/// The gate of a mock that sees every call: each one reaches its method.
struct EveryCall {
  /// Answers a call to `F` with `args`: here always by `to_mock()`, the call of the mock's method.
  template <Function F, class ToMock, class... Args> ResultOf<F> answer(ToMock&& to_mock, Args... /*args*/) const {
    return to_mock();
  }
};

/// Makes calls to `F` in `scope` call `(mock->*method)(...)` on behalf of `mock`, through `gate`: a gate's
/// answer<F>(to_mock, args...) calls to_mock() or answers the call itself (e.g. by call_next<F>).
template <Function F, class Mock, class R, class... Args, class Gate>
void route_to_method(PatchScope& scope, Mock* mock, R (Mock::*method)(Args...), const std::string& label, Gate gate) {
  auto answer = [mock, method, gate = std::move(gate)](Args... arguments) -> R {
    return gate.template answer<F>([&] { return (mock->*method)(arguments...); }, arguments...);
  };
  scope.add(F, std::make_shared<TypedHandler<F>>(std::move(answer)), mock, label);
}

/// A GoogleMock action that calls through: the handler below the mock (a FakeFilesystem), else libc.
template <Function F> auto call_through() {
  return [](auto... arguments) { return call_next<F>(arguments...); };
}

}  // namespace testkit::detail

/// In a mock's constructor: the method `name` answers the calls to `name` that `gate` lets through (see
/// route_to_method), calling through by default.
#define TK_MOCK_ROUTE_THROUGH(name, gate)                                                           \
  ON_CALL(*this, name).WillByDefault(::testkit::detail::call_through<::testkit::Function::name>()); \
  ::testkit::detail::route_to_method<::testkit::Function::name>(                                    \
      *scope_, this, &std::remove_pointer_t<decltype(this)>::name, label, gate);

/// In a mock's constructor: the method `name` answers every call to `name`, calling through by default.
#define TK_MOCK_ROUTE(name, ret, params) TK_MOCK_ROUTE_THROUGH(name, ::testkit::detail::EveryCall{})
/// TK_MOCK_ROUTE through the constructor's local `gate`.
#define TK_MOCK_ROUTE_GATED(name, ret, params) TK_MOCK_ROUTE_THROUGH(name, gate)
