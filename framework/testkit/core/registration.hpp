#pragma once
/// The templates behind TK_TEST and TK_TEST_F, and the registration of module hooks.

#include <memory>
#include <source_location>
#include <type_traits>

#include <testkit/core/registry.hpp>
#include <testkit/core/test_case.hpp>

namespace testkit::detail {

/// The class-level hooks of fixture F, created on first use and shared by all of F's tests.
template <class F> const FixtureClass& fixture_class(const char* name) {
  static_assert(std::is_base_of_v<TestCase, F>, "a TK_TEST_F fixture must derive from testkit::TestCase");
  static const FixtureClass fixture{name, &F::set_up_class, &F::tear_down_class};
  return fixture;
}

/// A fresh instance of the test class Test: what TK_TEST registers, one small function per test.
template <class Test> std::unique_ptr<TestCase> make_test() {
  return std::unique_ptr<TestCase>(new Test());  // not make_unique<Test>: no unique_ptr<Test> per test class
}

/// Registers a test made by `make` under Suite.name. Not a template, so that a file of many tests compiles
/// one call per test rather than a TestInfo and a std::function each.
const TestInfo& register_test(const char* suite, const char* name, const FixtureClass* fixture,
                              const std::source_location& where, Metadata&& meta, std::unique_ptr<TestCase> (*make)());

/// Registers a TK_SET_UP_MODULE or TK_TEAR_DOWN_MODULE function; returns true (for a static's initializer).
bool register_module_hook(ModuleHookKind kind, void (*function)(), const std::source_location& where);

}  // namespace testkit::detail
