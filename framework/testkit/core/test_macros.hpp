#pragma once
/// Defining tests: TK_TEST and TK_TEST_F, and module fixtures: TK_SET_UP_MODULE and TK_TEAR_DOWN_MODULE (TK_TEST_P and
/// TK_TEST_FP are in assert/parametrized.hpp). After the name come optional Metadata fields as designated initializers
/// (see Metadata for their order). Example:
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

#define TK_DETAIL_MODULE_HOOK(kind, function)                                                    \
  static void function();                                                                        \
  [[maybe_unused]] static const bool TK_DETAIL_CONCAT(function, _registered) =                   \
      ::testkit::detail::register_module_hook(kind, &function, std::source_location::current()); \
  static void function()

/// A function run once per run of the test binary, before its first test (unittest's setUpModule), in every mode:
/// forked tests start from the state it leaves. Several may be defined (one per file, say); they run in registration
/// order, and when one fails (an assertion, an exception, TK_SKIP) the later ones do not run, and every test of the
/// run is reported with that failure (or skipped) without running.
/// Example: TK_SET_UP_MODULE() { catalog = load_catalog("books.csv"); }
#define TK_SET_UP_MODULE() \
  TK_DETAIL_MODULE_HOOK(::testkit::ModuleHookKind::set_up_module, TK_DETAIL_CONCAT(tk_set_up_module_, __COUNTER__))

/// A function run once per run, after its last test (unittest's tearDownModule), if every TK_SET_UP_MODULE succeeded.
/// Several run the last registered first, each even if one before it failed. Its failures are added to the run's
/// last test.
#define TK_TEAR_DOWN_MODULE()                                        \
  TK_DETAIL_MODULE_HOOK(::testkit::ModuleHookKind::tear_down_module, \
                        TK_DETAIL_CONCAT(tk_tear_down_module_, __COUNTER__))
