#pragma once
/// The TK_ assertion macros. TK_ASSERT_* ends the test on failure, TK_EXPECT_* records and continues.
/// Every one takes an optional message after its operands: a fmt format string and its values.
/// Example: TK_EXPECT_EQ(add(2, 2), 4, "add of {} and {}", 2, 2);

#include <source_location>

#include <testkit/assert/checks.hpp>
#include <testkit/assert/decompose.hpp>
#include <testkit/assert/instance.hpp>
#include <testkit/assert/regex.hpp>
#include <testkit/assert/throws.hpp>

#define TK_DETAIL_SITE(fatal, macro, text) \
  ::testkit::detail::AssertionSite { macro, text, std::source_location::current(), fatal }

// `Decomposer{} <= a == b` is parsed as intended; GCC's -Wparentheses would suggest otherwise.
#define TK_DETAIL_EXPRESSION(fatal, macro, text, ...)                                            \
  do {                                                                                           \
    _Pragma("GCC diagnostic push")                                                               \
        _Pragma("GCC diagnostic ignored \"-Wparentheses\"")::testkit::detail::check_expression(  \
            TK_DETAIL_SITE(fatal, macro, text), ::testkit::detail::Decomposer{} <= __VA_ARGS__); \
    _Pragma("GCC diagnostic pop")                                                                \
  } while (false)
#define TK_DETAIL_COMPARE(fatal, macro, Op, text, ...) \
  ::testkit::detail::check_comparison<::testkit::detail::Op>(TK_DETAIL_SITE(fatal, macro, text), __VA_ARGS__)
#define TK_DETAIL_BOOLEAN(fatal, macro, expected, text, ...) \
  ::testkit::detail::check_boolean<expected>(TK_DETAIL_SITE(fatal, macro, text), __VA_ARGS__)
#define TK_DETAIL_CALL(fatal, macro, function, text, ...) \
  ::testkit::detail::function(TK_DETAIL_SITE(fatal, macro, text), __VA_ARGS__)
#define TK_DETAIL_THROWS(fatal, macro, text, statement, Exception, what, ...) \
  ::testkit::detail::check_throws<Exception>(                                 \
      TK_DETAIL_SITE(fatal, macro, text), [&] { statement; }, what __VA_OPT__(, ) __VA_ARGS__)
// The text is stringized by the user-facing macro: by the time an argument reaches a TK_DETAIL_ macro, a TK_ assertion
// inside it (in a predicate) has been expanded.
#define TK_DETAIL_THROWS_MATCHING(fatal, macro, text, statement, Exception, ...) \
  ::testkit::detail::check_throws_matching<Exception>(                           \
      TK_DETAIL_SITE(fatal, macro, text), [&] { statement; }, __VA_ARGS__)
#define TK_DETAIL_IS_INSTANCE(fatal, macro, text, Type, ...) \
  ::testkit::detail::check_is_instance<Type>(TK_DETAIL_SITE(fatal, macro, text), __VA_ARGS__)

/// Checks a condition; `a op b` with == != < <= > >= shows both values. TK_ASSERT(ok, "message {}", x)
#define TK_ASSERT(...) TK_DETAIL_EXPRESSION(true, "TK_ASSERT", #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT(...) TK_DETAIL_EXPRESSION(false, "TK_EXPECT", #__VA_ARGS__, __VA_ARGS__)

/// Compare two values; containers and strings that differ get an element or line diff.
#define TK_ASSERT_EQ(...) TK_DETAIL_COMPARE(true, "TK_ASSERT_EQ", Equal, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_EQ(...) TK_DETAIL_COMPARE(false, "TK_EXPECT_EQ", Equal, #__VA_ARGS__, __VA_ARGS__)
#define TK_ASSERT_NE(...) TK_DETAIL_COMPARE(true, "TK_ASSERT_NE", NotEqual, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_NE(...) TK_DETAIL_COMPARE(false, "TK_EXPECT_NE", NotEqual, #__VA_ARGS__, __VA_ARGS__)
#define TK_ASSERT_LT(...) TK_DETAIL_COMPARE(true, "TK_ASSERT_LT", Less, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_LT(...) TK_DETAIL_COMPARE(false, "TK_EXPECT_LT", Less, #__VA_ARGS__, __VA_ARGS__)
#define TK_ASSERT_LE(...) TK_DETAIL_COMPARE(true, "TK_ASSERT_LE", LessEqual, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_LE(...) TK_DETAIL_COMPARE(false, "TK_EXPECT_LE", LessEqual, #__VA_ARGS__, __VA_ARGS__)
#define TK_ASSERT_GT(...) TK_DETAIL_COMPARE(true, "TK_ASSERT_GT", Greater, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_GT(...) TK_DETAIL_COMPARE(false, "TK_EXPECT_GT", Greater, #__VA_ARGS__, __VA_ARGS__)
#define TK_ASSERT_GE(...) TK_DETAIL_COMPARE(true, "TK_ASSERT_GE", GreaterEqual, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_GE(...) TK_DETAIL_COMPARE(false, "TK_EXPECT_GE", GreaterEqual, #__VA_ARGS__, __VA_ARGS__)

/// Check a condition's truth; a non-bool condition (pointer, optional...) is shown when it fails.
#define TK_ASSERT_TRUE(...) TK_DETAIL_BOOLEAN(true, "TK_ASSERT_TRUE", true, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_TRUE(...) TK_DETAIL_BOOLEAN(false, "TK_EXPECT_TRUE", true, #__VA_ARGS__, __VA_ARGS__)
#define TK_ASSERT_FALSE(...) TK_DETAIL_BOOLEAN(true, "TK_ASSERT_FALSE", false, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_FALSE(...) TK_DETAIL_BOOLEAN(false, "TK_EXPECT_FALSE", false, #__VA_ARGS__, __VA_ARGS__)

/// |a - b| <= tolerance; NaN never passes. TK_ASSERT_NEAR(mean(v), 2.5, 1e-9)
#define TK_ASSERT_NEAR(...) TK_DETAIL_CALL(true, "TK_ASSERT_NEAR", check_near, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_NEAR(...) TK_DETAIL_CALL(false, "TK_EXPECT_NEAR", check_near, #__VA_ARGS__, __VA_ARGS__)

/// Two ranges of any types hold equal elements in the same order. TK_ASSERT_SEQ_EQ(list, std::array{1, 2})
#define TK_ASSERT_SEQ_EQ(...) TK_DETAIL_CALL(true, "TK_ASSERT_SEQ_EQ", check_sequence_equal, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_SEQ_EQ(...) TK_DETAIL_CALL(false, "TK_EXPECT_SEQ_EQ", check_sequence_equal, #__VA_ARGS__, __VA_ARGS__)

/// Python's `in`: TK_ASSERT_CONTAINS(container, element) and TK_ASSERT_IN(element, container); for texts,
/// a substring.
#define TK_ASSERT_CONTAINS(...) TK_DETAIL_CALL(true, "TK_ASSERT_CONTAINS", check_contains, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_CONTAINS(...) TK_DETAIL_CALL(false, "TK_EXPECT_CONTAINS", check_contains, #__VA_ARGS__, __VA_ARGS__)
#define TK_ASSERT_IN(...) TK_DETAIL_CALL(true, "TK_ASSERT_IN", check_in, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_IN(...) TK_DETAIL_CALL(false, "TK_EXPECT_IN", check_in, #__VA_ARGS__, __VA_ARGS__)

/// Python's `not in`: TK_ASSERT_NOT_CONTAINS(container, element) and TK_ASSERT_NOT_IN(element, container); a
/// failure also shows where the element is.
#define TK_ASSERT_NOT_CONTAINS(...) \
  TK_DETAIL_CALL(true, "TK_ASSERT_NOT_CONTAINS", check_not_contains, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_NOT_CONTAINS(...) \
  TK_DETAIL_CALL(false, "TK_EXPECT_NOT_CONTAINS", check_not_contains, #__VA_ARGS__, __VA_ARGS__)
#define TK_ASSERT_NOT_IN(...) TK_DETAIL_CALL(true, "TK_ASSERT_NOT_IN", check_not_in, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_NOT_IN(...) TK_DETAIL_CALL(false, "TK_EXPECT_NOT_IN", check_not_in, #__VA_ARGS__, __VA_ARGS__)

/// Python's isinstance: `value` (a pointer, reference or smart pointer to a polymorphic object) designates a
/// `Type` or an object of a class derived from it. TK_ASSERT_IS_INSTANCE(Book, shelf.item(id))
#define TK_ASSERT_IS_INSTANCE(Type, ...) \
  TK_DETAIL_IS_INSTANCE(true, "TK_ASSERT_IS_INSTANCE", #Type ", " #__VA_ARGS__, Type, __VA_ARGS__)
#define TK_EXPECT_IS_INSTANCE(Type, ...) \
  TK_DETAIL_IS_INSTANCE(false, "TK_EXPECT_IS_INSTANCE", #Type ", " #__VA_ARGS__, Type, __VA_ARGS__)

/// `statement` throws `Exception` (or a type derived from it); _WITH also wants `text` in its what(), or a match
/// of a regular expression: TK_ASSERT_THROWS_WITH(parse(""), ParseError, testkit::regex("^line [0-9]+:")).
#define TK_ASSERT_THROWS(statement, Exception, ...)                                                                \
  TK_DETAIL_THROWS(true, "TK_ASSERT_THROWS", #statement ", " #Exception, statement, Exception, std::string_view{}, \
                   __VA_ARGS__)
#define TK_EXPECT_THROWS(statement, Exception, ...)                                                                 \
  TK_DETAIL_THROWS(false, "TK_EXPECT_THROWS", #statement ", " #Exception, statement, Exception, std::string_view{}, \
                   __VA_ARGS__)
#define TK_ASSERT_THROWS_WITH(statement, Exception, text, ...)                                                       \
  TK_DETAIL_THROWS(true, "TK_ASSERT_THROWS_WITH", #statement ", " #Exception ", " #text, statement, Exception, text, \
                   __VA_ARGS__)
#define TK_EXPECT_THROWS_WITH(statement, Exception, text, ...)                                                        \
  TK_DETAIL_THROWS(false, "TK_EXPECT_THROWS_WITH", #statement ", " #Exception ", " #text, statement, Exception, text, \
                   __VA_ARGS__)

/// `statement` throws `Exception` and `predicate(const Exception&)` returns true; assertions inside the
/// predicate count too. TK_ASSERT_THROWS_MATCHING(open(""), IoError, [](const IoError& e) { return e.code() == 2; })
#define TK_ASSERT_THROWS_MATCHING(statement, Exception, ...)                                                 \
  TK_DETAIL_THROWS_MATCHING(true, "TK_ASSERT_THROWS_MATCHING", #statement ", " #Exception ", " #__VA_ARGS__, \
                            statement, Exception, __VA_ARGS__)
#define TK_EXPECT_THROWS_MATCHING(statement, Exception, ...)                                                  \
  TK_DETAIL_THROWS_MATCHING(false, "TK_EXPECT_THROWS_MATCHING", #statement ", " #Exception ", " #__VA_ARGS__, \
                            statement, Exception, __VA_ARGS__)

/// `statement` throws nothing.
#define TK_ASSERT_NO_THROW(statement, ...)                                                  \
  ::testkit::detail::check_no_throw(TK_DETAIL_SITE(true, "TK_ASSERT_NO_THROW", #statement), \
                                    [&] { statement; } __VA_OPT__(, ) __VA_ARGS__)
#define TK_EXPECT_NO_THROW(statement, ...)                                                   \
  ::testkit::detail::check_no_throw(TK_DETAIL_SITE(false, "TK_EXPECT_NO_THROW", #statement), \
                                    [&] { statement; } __VA_OPT__(, ) __VA_ARGS__)

/// Fails the test now with a message (TK_FAIL) or records a failure and goes on (TK_ADD_FAILURE).
#define TK_FAIL(...) \
  ::testkit::detail::fail_now(TK_DETAIL_SITE(true, "TK_FAIL", #__VA_ARGS__) __VA_OPT__(, ) __VA_ARGS__)
#define TK_ADD_FAILURE(...) \
  ::testkit::detail::fail_now(TK_DETAIL_SITE(false, "TK_ADD_FAILURE", #__VA_ARGS__) __VA_OPT__(, ) __VA_ARGS__)

/// Ends the test as skipped, with an optional formatted reason. TK_SKIP("needs {} cores", 4)
#define TK_SKIP(...) ::testkit::detail::skip_test(::testkit::detail::format_message(__VA_ARGS__))
