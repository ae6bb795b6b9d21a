// Diffs of large inputs: they finish quickly, and applying the diff to the left side gives the right side.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <testkit/assert/diff.hpp>
#include <testkit/testkit.hpp>

namespace {

using testkit::detail::describe_text_difference;
using testkit::detail::unified_diff;
using Lines = std::vector<std::string>;

/// Seconds each diff may take: generous for a loaded machine, far below what a quadratic blow-up would need.
constexpr double time_limit = 3.0;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Lines numbered_lines(int count) {
  Lines lines;
  for (int i = 1; i <= count; ++i) lines.push_back(fmt::format("line {}", i));
  return lines;
}

Lines split(std::string_view text) {
  Lines lines;
  for (std::size_t start = 0;;) {
    const std::size_t newline = text.find('\n', start);
    lines.emplace_back(text.substr(start, newline - start));
    if (newline == std::string_view::npos) return lines;
    start = newline + 1;
  }
}

/// `left` patched with a unified diff (hunk headers checked), or nullopt when the diff does not fit `left`.
std::optional<Lines> apply_diff(const Lines& left, std::string_view diff) {
  Lines out;
  std::size_t at = 0;  // next line of `left`
  std::size_t left_count = 0, right_count = 0, left_expected = 0, right_expected = 0;
  for (const std::string& line : split(diff)) {
    if (line.starts_with("@@")) {
      if (left_count != left_expected || right_count != right_expected) return std::nullopt;
      std::size_t start = 0, right_start = 0;
      if (std::sscanf(line.c_str(), "@@ -%zu,%zu +%zu,%zu @@", &start, &left_expected, &right_start, &right_expected) !=
              4 ||
          start < at + 1 || start > left.size() + 1)
        return std::nullopt;
      while (at + 1 < start) out.push_back(left[at++]);
      if (right_start != out.size() + 1) return std::nullopt;
      left_count = right_count = 0;
      continue;
    }
    const std::string text = line.substr(1);
    if (line[0] != '+' && (at >= left.size() || left[at++] != text)) return std::nullopt;
    if (line[0] != '-') out.push_back(text);
    left_count += line[0] != '+';
    right_count += line[0] != '-';
  }
  if (left_count != left_expected || right_count != right_expected) return std::nullopt;
  while (at < left.size()) out.push_back(left[at++]);
  return out;
}

std::size_t count_lines_starting_with(std::string_view diff, char mark) {
  std::size_t count = 0;
  for (const std::string& line : split(diff)) count += !line.empty() && line[0] == mark;
  return count;
}

TK_TEST(LargeDiff, one_change_in_5000_lines_gives_one_small_hunk) {
  const Lines left = numbered_lines(5000);
  Lines right = left;
  right[2499] = "changed";
  const auto start = std::chrono::steady_clock::now();
  const std::string diff = unified_diff(left, right);
  TK_EXPECT_LT(seconds_since(start), time_limit);
  TK_EXPECT_EQ(diff,
               "@@ -2497,7 +2497,7 @@\n line 2497\n line 2498\n line 2499\n-line 2500\n+changed\n"
               " line 2501\n line 2502\n line 2503");
}

TK_TEST(LargeDiff, scattered_changes_get_a_minimal_diff) {
  const Lines left = numbered_lines(1500);
  Lines right = left;
  for (std::size_t i = 7; i < right.size(); i += 50) right[i] = "changed " + right[i];
  const auto start = std::chrono::steady_clock::now();
  const std::string diff = unified_diff(left, right);
  TK_EXPECT_LT(seconds_since(start), time_limit);
  TK_EXPECT_EQ(count_lines_starting_with(diff, '-'), 30u);
  TK_EXPECT_EQ(count_lines_starting_with(diff, '@'), 30u);
  TK_EXPECT(apply_diff(left, diff) == right);
}

TK_TEST(LargeDiff, distant_changes_in_5000_lines_give_a_correct_diff) {
  const Lines left = numbered_lines(5000);
  Lines right = left;
  right[9] = "early";
  right[4989] = "late";
  right.insert(right.begin() + 3000, "inserted");
  const auto start = std::chrono::steady_clock::now();
  const std::string diff = unified_diff(left, right);
  TK_EXPECT_LT(seconds_since(start), time_limit);
  TK_EXPECT(apply_diff(left, diff) == right);
}

TK_TEST(LargeDiff, changes_at_both_ends_give_a_minimal_diff) {
  const Lines left = numbered_lines(1500);
  Lines right(left.begin() + 2, left.end() - 1);
  right.insert(right.begin(), {"a", "b", "c"});
  right.push_back("z");
  const std::string diff = unified_diff(left, right);
  TK_EXPECT(diff.starts_with("@@ -1,5 +1,6 @@\n-line 1\n-line 2\n+a\n+b\n+c\n"), "{}", diff.substr(0, 300));
  TK_EXPECT(diff.ends_with("@@ -1497,4 +1498,4 @@\n line 1497\n line 1498\n line 1499\n-line 1500\n+z"), "{}",
            diff.substr(diff.size() - std::min<std::size_t>(diff.size(), 300)));
  TK_EXPECT(apply_diff(left, diff) == right);
}

TK_TEST(LargeDiff, changes_at_both_ends_of_5000_lines_give_a_correct_diff) {
  const Lines left = numbered_lines(5000);
  Lines right(left.begin() + 2, left.end() - 1);
  right.insert(right.begin(), {"a", "b", "c"});
  right.push_back("z");
  const auto start = std::chrono::steady_clock::now();
  const std::string diff = unified_diff(left, right);
  TK_EXPECT_LT(seconds_since(start), time_limit);
  TK_EXPECT(apply_diff(left, diff) == right);
}

TK_TEST(LargeDiff, two_unrelated_5000_line_lists_give_a_correct_diff) {
  const Lines left = numbered_lines(5000);
  Lines right;
  for (int i = 0; i < 5000; ++i) right.push_back(fmt::format("other {}", i));
  const auto start = std::chrono::steady_clock::now();
  const std::string diff = unified_diff(left, right);
  TK_EXPECT_LT(seconds_since(start), time_limit);
  TK_EXPECT(apply_diff(left, diff) == right);
  TK_EXPECT_EQ(count_lines_starting_with(diff, '-'), 5000u);
  TK_EXPECT_EQ(count_lines_starting_with(diff, '+'), 5000u);
}

TK_TEST(LargeDiff, texts_of_5000_lines_are_described_quickly) {
  const Lines left = numbered_lines(5000);
  Lines right = left;
  right[4000] = "changed";
  const auto start = std::chrono::steady_clock::now();
  const std::string description =
      describe_text_difference(fmt::format("{}", fmt::join(left, "\n")), fmt::format("{}", fmt::join(right, "\n")));
  TK_EXPECT_LT(seconds_since(start), time_limit);
  TK_EXPECT(description.starts_with("diff (-left +right):\n@@ -3998,7 +3998,7 @@\n"), "{}", description);
  TK_EXPECT_CONTAINS(description, "\n-line 4001\n+changed\n");
}

TK_TEST(LargeDiff, the_applier_rejects_a_diff_that_does_not_fit) {
  // The checks above rely on apply_diff(); make sure it can say no.
  const Lines left = numbered_lines(10);
  TK_EXPECT(apply_diff(left, "@@ -2,1 +2,1 @@\n-line 3\n+x") == std::nullopt);
  TK_EXPECT(apply_diff(left, "@@ -2,2 +2,1 @@\n-line 2\n+x") == std::nullopt);
  TK_EXPECT(apply_diff(left, "@@ -2,1 +3,1 @@\n-line 2\n+x") == std::nullopt);
  Lines patched = left;
  patched[1] = "x";
  TK_EXPECT(apply_diff(left, "@@ -2,1 +2,1 @@\n-line 2\n+x") == patched);
}

}  // namespace
