#pragma once
/// Explaining how two values differ: line diffs of texts, element diffs of sequences.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace testkit::detail {

/// A unified diff of two lists of lines with 3 lines of context ("-" left, "+" right), one hunk per run
/// of changes with an "@@ -l,n +l,n @@" header; empty when the lists are equal. With `indexed`, each
/// line is prefixed by its element index ("[3] ") instead of the hunk headers giving positions.
[[nodiscard]] std::string unified_diff(std::span<const std::string> left, std::span<const std::string> right,
                                       bool indexed = false);

/// unified_diff of the lines `left` and `right`, matched by their keys (`left_keys[i]` stands for `left[i]`, the same
/// counts): lines whose keys are equal are unchanged and show as `right` has them, so that a comparison that ignores
/// case or spacing diffs the lines as written.
[[nodiscard]] std::string unified_diff(std::span<const std::string> left, std::span<const std::string> right,
                                       std::span<const std::string> left_keys, std::span<const std::string> right_keys);

/// The lines of `text`, cut at each '\n' (which they do not keep); a text ending in '\n' ends with an empty line.
[[nodiscard]] std::vector<std::string> split_lines(std::string_view text);

/// Lines explaining how two unequal texts differ: a line diff when either spans lines, else the first
/// differing offset with a little context around it.
[[nodiscard]] std::string describe_text_difference(std::string_view left, std::string_view right);

/// Two sequences that compared unequal, printed element by element.
struct SequenceComparison {
  std::vector<std::string> left{};  ///< printed elements, possibly only the first ones
  std::vector<std::string> right{};
  std::size_t left_size = 0;  ///< real element counts
  std::size_t right_size = 0;
  std::vector<std::size_t> mismatches{};  ///< indices (in the common length) whose elements differ
  std::string first_mismatch_left{};      ///< the elements at mismatches.front() when it lies past `left`
  std::string first_mismatch_right{};
};

/// Lines explaining how two sequences differ: sizes, the differing indices, and an element diff.
[[nodiscard]] std::string describe_sequence_difference(const SequenceComparison& comparison);

}  // namespace testkit::detail
