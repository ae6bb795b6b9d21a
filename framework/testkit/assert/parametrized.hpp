#pragma once
/// Parametrized tests: TK_TEST_P and TK_TEST_FP run one test per value of a range, each value printed in the
/// test's name and reports the way failure messages print it.
/// Example: TK_TEST_P(Math, is_even, (std::vector{2, 4, 6})) { TK_ASSERT_EQ(param() % 2, 0); }

#include <cstddef>
#include <memory>
#include <ranges>
#include <source_location>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include <testkit/assert/print.hpp>
#include <testkit/core/registration.hpp>
#include <testkit/core/test_macros.hpp>

namespace testkit::detail {

/// A test body that receives one of a list of values through param().
template <class Base, class T> class WithParam : public Base {
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
template <std::ranges::input_range Values> auto collect_params(const Values& values) {
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

#define TK_DETAIL_TEST_P(Suite, Name, Base, fixture, values, ...)                                                  \
  static const auto& TK_DETAIL_CONCAT(tk_params_, TK_DETAIL_CLASS(Suite, Name))() {                                \
    static const auto params = ::testkit::detail::collect_params(values);                                          \
    return params;                                                                                                 \
  }                                                                                                                \
  class TK_DETAIL_CLASS(Suite, Name) final                                                                         \
      : public ::testkit::detail::WithParam<Base, typename std::remove_cvref_t<decltype(TK_DETAIL_CONCAT(          \
                                                      tk_params_, TK_DETAIL_CLASS(Suite, Name))())>::value_type> { \
    void test_body() override;                                                                                     \
  };                                                                                                               \
  [[maybe_unused]] static const bool TK_DETAIL_CONCAT(tk_registered_, TK_DETAIL_CLASS(Suite, Name)) =              \
      ::testkit::detail::register_parametrized<TK_DETAIL_CLASS(Suite, Name)>(                                      \
          #Suite, #Name, fixture, std::source_location::current(),                                                 \
          TK_DETAIL_CONCAT(tk_params_, TK_DETAIL_CLASS(Suite, Name))(), ::testkit::Metadata{__VA_ARGS__});         \
  void TK_DETAIL_CLASS(Suite, Name)::test_body()

/// One test per value of a range, named Name/0, Name/1...; the body reads its value with param().
/// Wrap a values expression that has top-level commas in parentheses: TK_TEST_P(Math, even, (std::array{2, 4}))
#define TK_TEST_P(Suite, Name, values, ...) \
  TK_DETAIL_TEST_P(Suite, Name, ::testkit::TestCase, nullptr, values, __VA_ARGS__)

/// TK_TEST_P with a fixture.
#define TK_TEST_FP(Fixture, Name, values, ...) \
  TK_DETAIL_TEST_P(Fixture, Name, Fixture, &::testkit::detail::fixture_class<Fixture>(#Fixture), values, __VA_ARGS__)
