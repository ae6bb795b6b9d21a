#pragma once
/// The "details" lines of a failed comparison: both values and, for texts and sequences, how they differ.

#include <cstddef>
#include <iterator>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>

#include <testkit/assert/compare.hpp>
#include <testkit/assert/diff.hpp>
#include <testkit/assert/print.hpp>

namespace testkit::detail {

/// Printed elements a sequence diff looks at; mismatches are counted over the whole length.
inline constexpr std::size_t max_diffed_elements = 1000;

/// "left:  X\nright: Y" (each value capped), then `difference` if any.
[[nodiscard]] std::string operand_lines(std::string left, std::string right, std::string_view difference);

/// "expanded: X op Y" when both values are short one-liners, else operand_lines.
[[nodiscard]] std::string expanded_lines(std::string left, std::string_view symbol, std::string right,
                                         std::string_view difference);

/// `value` shortened to a readable size with the number of characters left out.
[[nodiscard]] std::string cap_value(std::string value);

/// "element:   X\ncontainer: Y" (each value capped), then "found at index N" when `found` has a value.
[[nodiscard]] std::string membership_lines(std::string element, std::string container,
                                           std::optional<std::size_t> found);

template <class T>
concept Text = StringLike<T> || CharPointer<std::decay_t<T>>;

template <class T> std::string_view as_text(const T& value) {
  if constexpr (CharPointer<T>)
    return value ? std::string_view(value) : std::string_view();
  else
    return std::string_view(value);
}

template <class L, class R> SequenceComparison compare_elements(const L& left, const R& right) {
  SequenceComparison comparison;
  auto l = std::ranges::begin(left);
  auto r = std::ranges::begin(right);
  const auto l_end = std::ranges::end(left);
  const auto r_end = std::ranges::end(right);
  std::size_t index = 0;
  for (; l != l_end && r != r_end; ++l, ++r, ++index) {
    bool same;
    if constexpr (requires { Equal{}(*l, *r); })
      same = Equal{}(*l, *r);
    else
      same = print(*l) == print(*r);
    if (!same && comparison.mismatches.empty() && index >= max_diffed_elements) {
      comparison.first_mismatch_left = print(*l);
      comparison.first_mismatch_right = print(*r);
    }
    if (!same && comparison.mismatches.size() < max_diffed_elements) comparison.mismatches.push_back(index);
    if (index < max_diffed_elements) {
      comparison.left.push_back(print(*l));
      comparison.right.push_back(print(*r));
    }
  }
  comparison.left_size = comparison.right_size = index;
  for (; l != l_end; ++l, ++comparison.left_size)
    if (comparison.left_size < max_diffed_elements) comparison.left.push_back(print(*l));
  for (; r != r_end; ++r, ++comparison.right_size)
    if (comparison.right_size < max_diffed_elements) comparison.right.push_back(print(*r));
  return comparison;
}

/// How two unequal values differ, for texts and sequences; empty for other types.
template <class L, class R> std::string difference_of(const L& left, const R& right) {
  if constexpr (Text<L> && Text<R>)
    return describe_text_difference(as_text(left), as_text(right));
  else if constexpr (std::ranges::input_range<L> && std::ranges::input_range<R> &&
                     !std::is_same_v<L, std::filesystem::path> && !std::is_same_v<R, std::filesystem::path>)
    return describe_sequence_difference(compare_elements(left, right));
  else
    return {};
}

/// Details of a failed `left op right`; a failed equality also explains the difference.
template <class Op, class L, class R> std::string describe_operands(const L& left, const R& right, bool expanded_form) {
  const std::string difference = std::is_same_v<Op, Equal> ? difference_of(left, right) : std::string();
  return expanded_form ? expanded_lines(print(left), Op::symbol, print(right), difference)
                       : operand_lines(print(left), print(right), difference);
}

}  // namespace testkit::detail
