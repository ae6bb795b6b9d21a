// diff.hpp: unified line diffs, text differences and sequence differences.
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <testkit/assert/diff.hpp>
#include <testkit/testkit.hpp>

namespace {

using testkit::detail::describe_sequence_difference;
using testkit::detail::describe_text_difference;
using testkit::detail::SequenceComparison;
using testkit::detail::unified_diff;
using Lines = std::vector<std::string>;

Lines numbered_lines(int count) {
  Lines lines;
  for (int i = 1; i <= count; ++i) lines.push_back(fmt::format("line {}", i));
  return lines;
}

TK_TEST(UnifiedDiff, is_empty_for_equal_lists) {
  TK_EXPECT_EQ(unified_diff(numbered_lines(5), numbered_lines(5)), "");
  TK_EXPECT_EQ(unified_diff(Lines{}, Lines{}), "");
}

TK_TEST(UnifiedDiff, one_change_with_three_lines_of_context) {
  Lines right = numbered_lines(12);
  right[5] = "changed";
  TK_EXPECT_EQ(unified_diff(numbered_lines(12), right),
               "@@ -3,7 +3,7 @@\n line 3\n line 4\n line 5\n-line 6\n+changed\n line 7\n line 8\n line 9");
}

TK_TEST(UnifiedDiff, change_at_the_start_has_no_leading_context) {
  Lines right = numbered_lines(6);
  right[0] = "first";
  TK_EXPECT_EQ(unified_diff(numbered_lines(6), right), "@@ -1,4 +1,4 @@\n-line 1\n+first\n line 2\n line 3\n line 4");
}

TK_TEST(UnifiedDiff, insertions_and_deletions_count_in_the_header) {
  Lines right = numbered_lines(3);
  right.insert(right.begin() + 1, "new");
  TK_EXPECT_EQ(unified_diff(numbered_lines(3), right), "@@ -1,3 +1,4 @@\n line 1\n+new\n line 2\n line 3");
  TK_EXPECT_EQ(unified_diff(right, numbered_lines(3)), "@@ -1,4 +1,3 @@\n line 1\n-new\n line 2\n line 3");
}

TK_TEST(UnifiedDiff, removals_come_before_additions) {
  TK_EXPECT_EQ(unified_diff(Lines{"a", "b", "c"}, Lines{"x", "y", "c"}), "@@ -1,3 +1,3 @@\n-a\n-b\n+x\n+y\n c");
}

TK_TEST(UnifiedDiff, close_changes_share_a_hunk) {
  Lines right = numbered_lines(20);
  right[3] = "four";
  right[10] = "eleven";  // six unchanged lines in between: one hunk
  const std::string diff = unified_diff(numbered_lines(20), right);
  TK_EXPECT(diff.starts_with("@@ -1,14 +1,14 @@\n"), "{}", diff);
  TK_EXPECT_EQ(diff.find("\n@@"), std::string::npos, "{}", diff);
}

TK_TEST(UnifiedDiff, distant_changes_get_separate_hunks) {
  Lines right = numbered_lines(20);
  right[3] = "four";
  right[11] = "twelve";  // seven unchanged lines in between: two hunks
  TK_EXPECT_EQ(unified_diff(numbered_lines(20), right),
               "@@ -1,7 +1,7 @@\n line 1\n line 2\n line 3\n-line 4\n+four\n line 5\n line 6\n line 7\n"
               "@@ -9,7 +9,7 @@\n line 9\n line 10\n line 11\n-line 12\n+twelve\n line 13\n line 14\n line 15");
}

TK_TEST(UnifiedDiff, indexed_form_numbers_elements_and_separates_hunks) {
  Lines right = numbered_lines(20);
  right[3] = "four";
  right[11] = "twelve";
  const std::string diff = unified_diff(numbered_lines(20), right, true);
  TK_EXPECT(diff.starts_with(" [0] line 1\n [1] line 2\n [2] line 3\n-[3] line 4\n+[3] four\n"), "{}", diff);
  TK_EXPECT_CONTAINS(diff, " [6] line 7\n...\n [8] line 9\n");
  TK_EXPECT(diff.ends_with("+[11] twelve\n [12] line 13\n [13] line 14\n [14] line 15"), "{}", diff);
  TK_EXPECT_EQ(diff.find("@@"), std::string::npos);
}

TK_TEST(UnifiedDiff, control_characters_in_lines_are_made_visible) {
  TK_EXPECT_EQ(unified_diff(Lines{"a\tb"}, Lines{"a b\r"}), "@@ -1,1 +1,1 @@\n-a\\tb\n+a b\\r");
}

TK_TEST(TextDifference, single_line_names_the_first_differing_character) {
  TK_EXPECT_EQ(describe_text_difference("abc", "abd"), "first difference at offset 2: 'c' vs 'd'");
  TK_EXPECT_EQ(describe_text_difference("a\tc", "a c"), "first difference at offset 1: '\\t' vs ' '");
}

TK_TEST(TextDifference, a_prefix_says_which_side_is_longer) {
  TK_EXPECT_EQ(describe_text_difference("abc", "abcdef"), "right has 3 more characters after offset 3");
  TK_EXPECT_EQ(describe_text_difference("abcd", "ab"), "left has 2 more characters after offset 2");
}

TK_TEST(TextDifference, long_lines_show_an_excerpt_around_the_difference) {
  const std::string left = std::string(50, 'x') + "A" + std::string(50, 'y');
  const std::string right = std::string(50, 'x') + "B" + std::string(50, 'y');
  TK_EXPECT_EQ(describe_text_difference(left, right),
               "first difference at offset 50: 'A' vs 'B'\n"
               "  left:  ..." +
                   std::string(20, 'x') + "A" + std::string(19, 'y') +
                   "...\n"
                   "  right: ..." +
                   std::string(20, 'x') + "B" + std::string(19, 'y') + "...");
}

TK_TEST(TextDifference, multi_line_texts_get_a_line_diff) {
  TK_EXPECT_EQ(describe_text_difference("a\nb\nc", "a\nB\nc"), "diff (-left +right):\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c");
  TK_EXPECT_EQ(describe_text_difference("a\n", "a"), "diff (-left +right):\n@@ -1,2 +1,1 @@\n a\n-");
}

TK_TEST(SequenceDifference, equal_sizes_list_the_differing_indices) {
  const SequenceComparison comparison{.left = {"1", "2", "3", "4"},
                                      .right = {"1", "9", "3", "8"},
                                      .left_size = 4,
                                      .right_size = 4,
                                      .mismatches = {1, 3}};
  TK_EXPECT_EQ(describe_sequence_difference(comparison), "first difference at index 1: 2 vs 9\nalso differ at index 3");
}

TK_TEST(SequenceDifference, many_differences_are_counted_past_the_fifth) {
  SequenceComparison comparison{.left_size = 10, .right_size = 10};
  for (std::size_t i = 0; i < 10; ++i) {
    comparison.left.push_back(fmt::format("{}", i));
    comparison.right.push_back("0");
    if (i > 0) comparison.mismatches.push_back(i);
  }
  TK_EXPECT_EQ(describe_sequence_difference(comparison),
               "first difference at index 1: 1 vs 0\nalso differ at index 2, 3, 4, 5, 6 and 3 more");
}

TK_TEST(SequenceDifference, different_sizes_add_the_sizes_and_an_element_diff) {
  const SequenceComparison comparison{
      .left = {"1", "2", "3"}, .right = {"1", "5"}, .left_size = 3, .right_size = 2, .mismatches = {1}};
  TK_EXPECT_EQ(describe_sequence_difference(comparison),
               "sizes differ: left has 3 elements, right has 2\n"
               "first difference at index 1: 2 vs 5\n"
               "diff (-left +right):\n [0] 1\n-[1] 2\n-[2] 3\n+[1] 5");
}

TK_TEST(SequenceDifference, a_first_difference_past_the_printed_elements_is_still_shown) {
  const SequenceComparison comparison{.left = {"0"},
                                      .right = {"0"},
                                      .left_size = 3000,
                                      .right_size = 3000,
                                      .mismatches = {2500},
                                      .first_mismatch_left = "7",
                                      .first_mismatch_right = "8"};
  TK_EXPECT_EQ(describe_sequence_difference(comparison), "first difference at index 2500: 7 vs 8");
}

TK_TEST(SequenceDifference, sizes_differing_past_the_printed_elements_give_no_empty_diff) {
  const SequenceComparison comparison{.left = {"0", "0"}, .right = {"0", "0"}, .left_size = 1500, .right_size = 1200};
  TK_EXPECT_EQ(describe_sequence_difference(comparison), "sizes differ: left has 1500 elements, right has 1200");
}

}  // namespace
