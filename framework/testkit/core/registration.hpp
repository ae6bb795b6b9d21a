#pragma once
/// The templates behind TK_TEST, TK_TEST_F and TK_TEST_P.

#include <memory>
#include <ranges>
#include <source_location>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include <testkit/assert/print.hpp>
#include <testkit/core/registry.hpp>
#include <testkit/core/test_case.hpp>

namespace testkit::detail {

/// The class-level hooks of fixture F, created on first use and shared by all of F's tests.
template <class F>
const FixtureClass& fixture_class(const char* name) {
  static_assert(std::is_base_of_v<TestCase, F>, "a TK_TEST_F fixture must derive from testkit::TestCase");
  static const FixtureClass fixture{name, &F::set_up_class, &F::tear_down_class};
  return fixture;
}

/// A fresh instance of the test class Test: what TK_TEST registers, one small function per test.
template <class Test>
std::unique_ptr<TestCase> make_test() {
  return std::unique_ptr<TestCase>(new Test());  // not make_unique<Test>: no unique_ptr<Test> per test class
}

/// Registers a test made by `make` under Suite.name. Not a template, so that a file of many tests compiles
/// one call per test rather than a TestInfo and a std::function each.
const TestInfo& register_test(const char* suite, const char* name, const FixtureClass* fixture,
                              const std::source_location& where, Metadata&& meta,
                              std::unique_ptr<TestCase> (*make)());

/// A test body that receives one of a list of values through param().
template <class Base, class T>
class WithParam : public Base {
 public:
  using ParamType = T;
  void bind_param(const T& value) { param_ = &value; }

 protected:
  /// The value of this run of the test.
  [[nodiscard]] const T& param() const { return *param_; }

 private:
  const T* param_ = nullptr;
};

/// The values of a parametrized test, copied once into a vector that lives until the program ends.
template <std::ranges::input_range Values>
auto collect_params(const Values& values) {
  return std::vector<std::ranges::range_value_t<Values>>(std::ranges::begin(values), std::ranges::end(values));
}

/// Registers one test per value, named name/0, name/1, ...; `params` must outlive the program's tests.
template <class Test>
bool register_parametrized(const char* suite, const char* name, const FixtureClass* fixture,
                           const std::source_location& where, const std::vector<typename Test::ParamType>& params,
                           const Metadata& meta) {
  for (std::size_t index = 0; index < params.size(); ++index) {
    const auto* value = &params[index];
    Registry::instance().add({.suite = suite,
                              .name = fmt::format("{}/{}", name, index),
                              .where = Location::from(where),
                              .meta = meta,
                              .fixture = fixture,
                              .make =
                                  [value] {
                                    auto test = std::make_unique<Test>();
                                    test->bind_param(*value);
                                    return test;
                                  },
                              .param = print(*value)});
  }
  return true;
}

}  // namespace testkit::detail
