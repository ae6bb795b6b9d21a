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

/// Makes calls to `F` in `scope` call `(mock->*method)(...)`, on behalf of `mock`.
template <Function F, class Mock, class R, class... Args>
void route_to_method(PatchScope& scope, Mock* mock, R (Mock::*method)(Args...), const std::string& label) {
  auto answer = [mock, method](Args... arguments) -> R { return (mock->*method)(arguments...); };
  scope.add(F, std::make_shared<TypedHandler<F>>(std::move(answer)), mock, label);
}

/// A GoogleMock action that calls through: the handler below the mock (a FakeFilesystem), else libc.
template <Function F>
auto call_through() {
  return [](auto... arguments) { return call_next<F>(arguments...); };
}

}  // namespace testkit::detail

/// In a mock's constructor: the method `name` answers calls to `name`, calling through by default.
#define TK_MOCK_ROUTE(name, ret, params)                                                         \
  ON_CALL(*this, name).WillByDefault(::testkit::detail::call_through<::testkit::Function::name>()); \
  ::testkit::detail::route_to_method<::testkit::Function::name>(*scope_, this, &std::remove_pointer_t<decltype(this)>::name, label);
