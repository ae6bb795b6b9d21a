#pragma once
/// Defining tests: TK_TEST, TK_TEST_F, TK_TEST_P, TK_TEST_FP. After the name come optional Metadata fields
/// as designated initializers (see Metadata for their order).
/// Example:
///   TK_TEST(Strings, upper_case, .tags = {"fast"}) { TK_ASSERT_EQ(upper("ab"), "AB"); }

#include <source_location>

#include <testkit/core/registration.hpp>

#define TK_DETAIL_CONCAT_(a, b) a##b
#define TK_DETAIL_CONCAT(a, b) TK_DETAIL_CONCAT_(a, b)
#define TK_DETAIL_CLASS(Suite, Name) TK_DETAIL_CONCAT(Suite, TK_DETAIL_CONCAT(_, TK_DETAIL_CONCAT(Name, _Test)))

#define TK_DETAIL_TEST(Suite, Name, Base, fixture, ...)                                                      \
  class TK_DETAIL_CLASS(Suite, Name) final : public Base {                                                   \
    void test_body() override;                                                                               \
  };                                                                                                         \
  [[maybe_unused]] static const ::testkit::TestInfo& TK_DETAIL_CONCAT(tk_registered_, TK_DETAIL_CLASS(Suite, Name)) = \
      ::testkit::detail::register_test(#Suite, #Name, fixture, std::source_location::current(),              \
                                       ::testkit::Metadata{__VA_ARGS__},                                     \
                                       &::testkit::detail::make_test<TK_DETAIL_CLASS(Suite, Name)>);         \
  void TK_DETAIL_CLASS(Suite, Name)::test_body()

#define TK_DETAIL_TEST_P(Suite, Name, Base, fixture, values, ...)                                             \
  static const auto& TK_DETAIL_CONCAT(tk_params_, TK_DETAIL_CLASS(Suite, Name))() {                          \
    static const auto params = ::testkit::detail::collect_params(values);                                    \
    return params;                                                                                           \
  }                                                                                                          \
  class TK_DETAIL_CLASS(Suite, Name) final                                                                   \
      : public ::testkit::detail::WithParam<                                                                 \
            Base, typename std::remove_cvref_t<decltype(TK_DETAIL_CONCAT(tk_params_, TK_DETAIL_CLASS(Suite, Name))())>::value_type> { \
    void test_body() override;                                                                               \
  };                                                                                                         \
  [[maybe_unused]] static const bool TK_DETAIL_CONCAT(tk_registered_, TK_DETAIL_CLASS(Suite, Name)) =        \
      ::testkit::detail::register_parametrized<TK_DETAIL_CLASS(Suite, Name)>(                                \
          #Suite, #Name, fixture, std::source_location::current(),                                           \
          TK_DETAIL_CONCAT(tk_params_, TK_DETAIL_CLASS(Suite, Name))(), ::testkit::Metadata{__VA_ARGS__});   \
  void TK_DETAIL_CLASS(Suite, Name)::test_body()

/// A test with no fixture: TK_TEST(Suite, name) { body }
#define TK_TEST(Suite, Name, ...) TK_DETAIL_TEST(Suite, Name, ::testkit::TestCase, nullptr, __VA_ARGS__)

/// A test whose body is a member of a class derived from Fixture (a testkit::TestCase).
#define TK_TEST_F(Fixture, Name, ...) \
  TK_DETAIL_TEST(Fixture, Name, Fixture, &::testkit::detail::fixture_class<Fixture>(#Fixture), __VA_ARGS__)

/// One test per value of a range, named Name/0, Name/1...; the body reads its value with param().
/// Wrap a values expression that has top-level commas in parentheses: TK_TEST_P(Math, even, (std::array{2, 4}))
#define TK_TEST_P(Suite, Name, values, ...) \
  TK_DETAIL_TEST_P(Suite, Name, ::testkit::TestCase, nullptr, values, __VA_ARGS__)

/// TK_TEST_P with a fixture.
#define TK_TEST_FP(Fixture, Name, values, ...) \
  TK_DETAIL_TEST_P(Fixture, Name, Fixture, &::testkit::detail::fixture_class<Fixture>(#Fixture), values, __VA_ARGS__)
