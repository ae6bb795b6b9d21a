#pragma once
/// Comparing texts the way graders compare a program's output: TK_EXPECT_TEXT_EQ, exact unless testkit::Text says
/// what to ignore, with a line diff when they differ.

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <testkit/assert/handler.hpp>
#include <testkit/assert/macros.hpp>
#include <testkit/core/black_box.hpp>

namespace testkit {

/// What a text comparison ignores: nothing unless told (exact). Designated initializers, in this order.
/// PrairieLearn's test_run ignores case and runs of spaces by default; here that is
/// Text{.collapse_whitespace = true, .ignore_case = true}.
/// Example: TK_EXPECT_TEXT_EQ(out, "3 words\n", testkit::Text{.ignore_trailing_whitespace = true});
struct Text {
  bool ignore_trailing_whitespace = false;  ///< spaces, tabs and carriage returns at the end of each line
  bool collapse_whitespace =
      false;                 ///< each run of spaces and tabs inside a line counts as one space; lines stay apart
  bool ignore_case = false;  ///< ASCII letters compare without their case
  bool ignore_final_newline = false;  ///< one newline at the very end may be there or not
};

/// `text` as a comparison with `options` sees it.
[[nodiscard]] std::string normalize_text(std::string_view text, const Text& options);
/// Whether `a` and `b` are equal to a comparison with `options`. Example: texts_equal("A \n", "a", {true, false, true,
/// true}) is true.
[[nodiscard]] bool texts_equal(std::string_view a, std::string_view b, const Text& options = {});

}  // namespace testkit

namespace testkit::detail {

/// Why `actual` differs from `expected` (named `expected_name` in the text) with `options`: both texts, a line diff
/// (-expected +actual) of the lines as they are written, and which options would make them equal; "" when equal.
[[nodiscard]] std::string text_mismatch(std::string_view actual, std::string_view expected,
                                        const testkit::Text& options, std::string_view expected_name = "expected");

/// What TK_EXPECT_TEXT_EQ and TK_EXPECT_GOLDEN compare: anything a std::string_view can be made of.
template <class T>
concept TextLike = std::is_convertible_v<const T&, std::string_view>;

/// TK_EXPECT_TEXT_EQ with options: fails at `site` with text_mismatch's details when the texts differ.
template <class Actual, class Expected, class... Message>
void check_text_equal(const AssertionSite& site, const Actual& actual, const Expected& expected,
                      const testkit::Text& options, const Message&... message) {
  static_assert(TextLike<Actual> && TextLike<Expected>, "TK_EXPECT_TEXT_EQ compares texts (strings, string views)");
  std::string mismatch = text_mismatch(std::string_view(actual), std::string_view(expected), options);
  if (mismatch.empty()) [[likely]]
    return assertion_passed(site.where);
  assertion_failed(site, sizeof...(Message), std::move(mismatch), format_message(message...));
}

/// TK_EXPECT_TEXT_EQ without options: an exact comparison.
template <class Actual, class Expected, class... Message>
void check_text_equal(const AssertionSite& site, const Actual& actual, const Expected& expected,
                      const Message&... message) {
  check_text_equal(site, actual, expected, testkit::Text{}, message...);
}

}  // namespace testkit::detail

/// Two texts are equal, exactly or as a testkit::Text after them says; a failure shows a line diff.
/// TK_EXPECT_TEXT_EQ(output.out(), "Hello, Ada!\n", testkit::Text{.ignore_case = true}, "for {}", name)
#define TK_ASSERT_TEXT_EQ(...) TK_DETAIL_CALL(true, "TK_ASSERT_TEXT_EQ", check_text_equal, #__VA_ARGS__, __VA_ARGS__)
#define TK_EXPECT_TEXT_EQ(...) TK_DETAIL_CALL(false, "TK_EXPECT_TEXT_EQ", check_text_equal, #__VA_ARGS__, __VA_ARGS__)
