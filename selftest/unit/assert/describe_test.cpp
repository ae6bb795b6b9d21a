// describe.hpp: the details lines of a failed comparison, capped values, and element-wise comparison.
#include <filesystem>
#include <list>
#include <string>
#include <vector>

#include <testkit/assert/describe.hpp>
#include <testkit/testkit.hpp>

#include "outcome.hpp"

namespace {

using selftest::details_of;
using testkit::detail::cap_value;
using testkit::detail::compare_elements;
using testkit::detail::difference_of;
using testkit::detail::expanded_lines;
using testkit::detail::max_diffed_elements;
using testkit::detail::operand_lines;

TK_TEST(CapValue, keeps_short_values_whole) {
  TK_EXPECT_EQ(cap_value("short"), "short");
  TK_EXPECT_EQ(cap_value(std::string(2000, 'a')), std::string(2000, 'a'));
}

TK_TEST(CapValue, cuts_long_values_and_counts_what_is_left_out) {
  TK_EXPECT_EQ(cap_value(std::string(2005, 'a')), std::string(2000, 'a') + "... (5 more characters)");
}

TK_TEST(OperandLines, aligns_both_values_and_appends_the_difference) {
  TK_EXPECT_EQ(operand_lines("1", "2", ""), "left:  1\nright: 2");
  TK_EXPECT_EQ(operand_lines("1", "2", "why"), "left:  1\nright: 2\nwhy");
}

TK_TEST(ExpandedLines, short_values_share_one_line) {
  TK_EXPECT_EQ(expanded_lines("1", "<", "2", ""), "expanded: 1 < 2");
  TK_EXPECT_EQ(expanded_lines("1", "==", "2", "why"), "expanded: 1 == 2\nwhy");
}

TK_TEST(ExpandedLines, long_values_fall_back_to_operand_lines) {
  const std::string left(31, 'l'), right(30, 'r');
  TK_EXPECT_EQ(expanded_lines(left, "==", right, ""), "left:  " + left + "\nright: " + right);
  TK_EXPECT_EQ(expanded_lines(left.substr(1), "==", right, ""), "expanded: " + left.substr(1) + " == " + right);
}

TK_TEST(CompareElements, records_sizes_printed_elements_and_mismatches) {
  const auto comparison = compare_elements(std::vector<int>{1, 2, 3, 4}, std::list<long>{1, 5, 3});
  TK_EXPECT_EQ(comparison.left_size, 4u);
  TK_EXPECT_EQ(comparison.right_size, 3u);
  TK_EXPECT_SEQ_EQ(comparison.left, std::vector<std::string>{"1", "2", "3", "4"});
  TK_EXPECT_SEQ_EQ(comparison.right, std::vector<std::string>{"1", "5", "3"});
  TK_EXPECT_SEQ_EQ(comparison.mismatches, std::vector<std::size_t>{1});
}

TK_TEST(CompareElements, prints_only_the_first_elements_of_long_ranges) {
  const std::vector<int> left(max_diffed_elements + 10, 0);
  std::vector<int> right = left;
  right.back() = 1;
  const auto comparison = compare_elements(left, right);
  TK_EXPECT_EQ(comparison.left.size(), max_diffed_elements);
  TK_EXPECT_EQ(comparison.left_size, max_diffed_elements + 10);
  TK_EXPECT_SEQ_EQ(comparison.mismatches, std::vector<std::size_t>{max_diffed_elements + 9});
  TK_EXPECT_EQ(comparison.first_mismatch_left, "0");
  TK_EXPECT_EQ(comparison.first_mismatch_right, "1");
}

TK_TEST(DifferenceOf, is_empty_for_values_that_are_neither_texts_nor_ranges) {
  TK_EXPECT_EQ(difference_of(1, 2), "");
  TK_EXPECT_EQ(difference_of(std::filesystem::path("a/b"), std::filesystem::path("a/c")), "");
}

TK_TEST(DifferenceOf, explains_texts_and_ranges) {
  TK_EXPECT_EQ(difference_of(std::string("ab"), "ac"), "first difference at offset 1: 'b' vs 'c'");
  TK_EXPECT_EQ(difference_of(std::vector<int>{1}, std::vector<int>{2}), "first difference at index 0: 1 vs 2");
}

TK_TEST(LongSequences, a_difference_past_the_printed_elements_shows_its_values) {
  std::vector<int> left(3000, 0), right(3000, 0);
  right[2500] = 42;
  const std::string details = details_of([&] { TK_EXPECT_EQ(left, right); });
  TK_EXPECT(details.ends_with("\nfirst difference at index 2500: 0 vs 42"), "{}", details);
}

TK_TEST(LongSequences, sizes_differing_past_the_printed_elements_end_with_the_sizes) {
  const std::vector<int> left(1500, 0), right(1200, 0);
  const std::string details = details_of([&] { TK_EXPECT_EQ(left, right); });
  TK_EXPECT(details.ends_with("\nsizes differ: left has 1500 elements, right has 1200"), "{}", details);
}

TK_TEST(LongSequences, huge_vectors_name_sizes_and_first_difference) {
  std::vector<int> left(200'000, 3), right(200'001, 3);
  right[100'000] = 4;
  const std::string details = details_of([&] { TK_EXPECT_EQ(left, right); });
  TK_EXPECT_CONTAINS(details,
                     "\nsizes differ: left has 200000 elements, right has 200001\n"
                     "first difference at index 100000: 3 vs 4");
}

}  // namespace
