#pragma once
/// Defining tests: TK_TEST and TK_TEST_F (TK_TEST_P and TK_TEST_FP are in assert/parametrized.hpp). After the
/// name come optional Metadata fields as designated initializers (see Metadata for their order).
/// Example:
///   TK_TEST(Strings, upper_case, .tags = {"fast"}) { TK_ASSERT_EQ(upper("ab"), "AB"); }

#include <source_location>

#include <testkit/core/registration.hpp>

#define TK_DETAIL_CONCAT_(a, b) a##b
#define TK_DETAIL_CONCAT(a, b) TK_DETAIL_CONCAT_(a, b)
#define TK_DETAIL_CLASS(Suite, Name) TK_DETAIL_CONCAT(Suite, TK_DETAIL_CONCAT(_, TK_DETAIL_CONCAT(Name, _Test)))

#define TK_DETAIL_TEST(Suite, Name, Base, fixture, ...)                                                               \
  class TK_DETAIL_CLASS(Suite, Name) final : public Base {                                                            \
    void test_body() override;                                                                                        \
  };                                                                                                                  \
  [[maybe_unused]] static const ::testkit::TestInfo& TK_DETAIL_CONCAT(tk_registered_, TK_DETAIL_CLASS(Suite, Name)) = \
      ::testkit::detail::register_test(#Suite, #Name, fixture, std::source_location::current(),                       \
                                       ::testkit::Metadata{__VA_ARGS__},                                              \
                                       &::testkit::detail::make_test<TK_DETAIL_CLASS(Suite, Name)>);                  \
  void TK_DETAIL_CLASS(Suite, Name)::test_body()

/// A test with no fixture: TK_TEST(Suite, name) { body }
#define TK_TEST(Suite, Name, ...) TK_DETAIL_TEST(Suite, Name, ::testkit::TestCase, nullptr, __VA_ARGS__)

/// A test whose body is a member of a class derived from Fixture (a testkit::TestCase).
#define TK_TEST_F(Fixture, Name, ...) \
  TK_DETAIL_TEST(Fixture, Name, Fixture, &::testkit::detail::fixture_class<Fixture>(#Fixture), __VA_ARGS__)
