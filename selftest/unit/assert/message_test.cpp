// The optional message after an assertion's operands: formatting, bad formats, and the headline without it.
#include <string>
#include <string_view>
#include <utility>

#include <testkit/testkit.hpp>

#include "outcome.hpp"

namespace {

using selftest::Outcome;
using selftest::single_failure;
using testkit::detail::strip_trailing_arguments;

TK_TEST(Message, is_formatted_with_fmt) {
  const std::string name = "ada";
  const Outcome out = single_failure([&] { TK_EXPECT_EQ(1, 2, "user {} has {:03d} items", name, 7); });
  TK_EXPECT_EQ(out.failure.message, "user ada has 007 items");
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_EQ(1, 2)");
  TK_EXPECT_EQ(out.failure.details, "left:  1\nright: 2");
}

TK_TEST(Message, plain_text_needs_no_arguments) {
  TK_EXPECT_EQ(single_failure([] { TK_EXPECT_TRUE(false, "just text"); }).failure.message, "just text");
  TK_EXPECT_EQ(single_failure([] { TK_EXPECT_NEAR(1.0, 2.0, 0.5, "close"); }).failure.headline,
               "TK_EXPECT_NEAR(1.0, 2.0, 0.5)");
}

TK_TEST(Message, is_empty_without_one) {
  TK_EXPECT_EQ(single_failure([] { TK_EXPECT_EQ(1, 2); }).failure.message, "");
}

TK_TEST(Message, bad_format_string_gives_the_raw_text_and_does_not_throw) {
  testkit::Captured captured;
  TK_EXPECT_NO_THROW(captured = testkit::capture_failures([] { TK_EXPECT_EQ(1, 2, "{} and {}", 1); }));
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_FALSE(captured.aborted);
  TK_EXPECT(captured.failures[0].message.starts_with("{} and {} [bad message format: "), "message: {}",
            captured.failures[0].message);
  TK_EXPECT_EQ(captured.failures[0].headline, "TK_EXPECT_EQ(1, 2)");
}

TK_TEST(Message, arguments_with_commas_inside_brackets_stay_whole) {
  const Outcome out = single_failure([] { TK_EXPECT_EQ(std::pair(1, 2).first, 3, "pair {}", std::pair(1, 2).second); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_EQ(std::pair(1, 2).first, 3)");
  TK_EXPECT_EQ(out.failure.message, "pair 2");
}

TK_TEST(Message, commas_inside_the_message_text_are_not_separators) {
  const Outcome out = single_failure([] { TK_EXPECT_EQ(1, 2, "a, b, {}", ','); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_EQ(1, 2)");
  TK_EXPECT_EQ(out.failure.message, "a, b, ,");
}

TK_TEST(Message, digit_separators_are_not_quotes) {
  const Outcome out = single_failure([] { TK_EXPECT_EQ(1'000, 2, "n = {}", 1'000'000); });
  TK_EXPECT_EQ(out.failure.headline, "TK_EXPECT_EQ(1'000, 2)");
  TK_EXPECT_EQ(out.failure.message, "n = 1000000");
}

TK_TEST(StripTrailingArguments, drops_the_last_top_level_arguments) {
  TK_EXPECT_EQ(strip_trailing_arguments("a, b, \"m {}\", x", 2), "a, b");
  TK_EXPECT_EQ(strip_trailing_arguments("a, b", 0), "a, b");
  TK_EXPECT_EQ(strip_trailing_arguments("f(a, b), g[1, 2], {3, 4}, \"m\"", 1), "f(a, b), g[1, 2], {3, 4}");
  TK_EXPECT_EQ(strip_trailing_arguments("a, '\"', \"\\\", ,\"", 1), "a, '\"'");
}

TK_TEST(StripTrailingArguments, all_arguments_leaves_nothing) {
  TK_EXPECT_EQ(strip_trailing_arguments("\"m {}\", x", testkit::detail::all_arguments), "");
}

TK_TEST(StripTrailingArguments, keeps_the_text_when_there_are_too_few_commas) {
  TK_EXPECT_EQ(strip_trailing_arguments("a", 1), "a");
}

TK_TEST(StripTrailingArguments, handles_digit_separators_and_character_literals) {
  TK_EXPECT_EQ(strip_trailing_arguments("1'000, x, \"m\"", 1), "1'000, x");
  TK_EXPECT_EQ(strip_trailing_arguments("0x1'F, ',', \"m\"", 1), "0x1'F, ','");
  TK_EXPECT_EQ(strip_trailing_arguments("u8',', 1.5e+3, \"m\"", 1), "u8',', 1.5e+3");
}

}  // namespace
