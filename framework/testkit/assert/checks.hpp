#pragma once
/// The functions the assertion macros call: evaluate cheaply, describe only on failure.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>

#include <testkit/assert/compare.hpp>
#include <testkit/assert/describe.hpp>
#include <testkit/assert/handler.hpp>
#include <testkit/core/black_box.hpp>
#include <testkit/core/context.hpp>
#include <testkit/core/exception_text.hpp>

namespace testkit::detail {

/// A check's failure: `describe()` gives the details. Never inlined, so that a check's passing path is a comparison,
/// a count and a checkpoint in a small frame: the failure path's strings had made every passing assertion set up a
/// large one (4 registers saved and 72 bytes, against 2 and 8).
template <class Describe, class... Message>
[[gnu::noinline]] void fail_with(const AssertionSite& site, const Describe& describe, const Message&... message) {
  assertion_failed(site, sizeof...(Message), describe(), format_message(message...));
}

template <class Expression, class... Message>
void check_expression(const AssertionSite& site, const Expression& expression, const Message&... message) {
  if (expression.passed()) [[likely]]
    return assertion_passed(site.where);
  fail_with(
      site, [&] { return expression.explain(); }, message...);
}

template <class Op, class L, class R, class... Message>
void check_comparison(const AssertionSite& site, const L& left, const R& right, const Message&... message) {
  if (Op{}(left, right)) [[likely]]
    return assertion_passed(site.where);
  fail_with(
      site, [&] { return describe_operands<Op>(left, right, false); }, message...);
}

template <bool Expected, class Condition, class... Message>
void check_boolean(const AssertionSite& site, const Condition& condition, const Message&... message) {
  if (static_cast<bool>(condition) == Expected) [[likely]]
    return assertion_passed(site.where);
  fail_with(
      site,
      [&] {
        std::string details;
        if constexpr (!std::is_same_v<Condition, bool>) details = "value: " + cap_value(print(condition));
        return details;
      },
      message...);
}

template <class L, class R, class T, class... Message>
void check_near(const AssertionSite& site, const L& left, const R& right, const T& tolerance,
                const Message&... message) {
  const auto difference = std::abs(static_cast<long double>(left) - static_cast<long double>(right));
  if (difference <= static_cast<long double>(tolerance)) [[likely]]
    return assertion_passed(site.where);  // false for NaN
  fail_with(
      site,
      [&] {
        return operand_lines(
            print(left), print(right),
            "difference: " + print(static_cast<double>(difference)) + ", tolerance: " + print(tolerance));
      },
      message...);
}

template <class L, class R, class... Message>
void check_sequence_equal(const AssertionSite& site, const L& left, const R& right, const Message&... message) {
  if (std::ranges::equal(left, right, Equal{})) [[likely]]
    return assertion_passed(site.where);
  fail_with(
      site,
      [&] {
        return operand_lines(print(left), print(right), describe_sequence_difference(compare_elements(left, right)));
      },
      message...);
}

/// Where `element` is in `container`: the index of a substring of a text, else of the first equal element of a
/// range; nullopt when it is not there.
template <class Element, class Container>
std::optional<std::size_t> find_in(const Container& container, const Element& element) {
  if constexpr (Text<Container>) {
    const std::size_t index = as_text(container).find(as_text(element));
    return index == std::string_view::npos ? std::nullopt : std::optional<std::size_t>(index);
  } else {
    std::size_t index = 0;
    for (const auto& item : container) {
      if (Equal{}(item, element)) return index;
      ++index;
    }
    return std::nullopt;
  }
}

/// Python's `in`: a substring of a text, else an element of a range.
template <class Element, class Container> bool contains(const Container& container, const Element& element) {
  return find_in(container, element).has_value();
}

template <class Container, class Element, class... Message>
void check_contains(const AssertionSite& site, const Container& container, const Element& element,
                    const Message&... message) {
  if (contains(container, element)) [[likely]]
    return assertion_passed(site.where);
  fail_with(
      site, [&] { return membership_lines(print(element), print(container), std::nullopt); }, message...);
}

template <class Element, class Container, class... Message>
void check_in(const AssertionSite& site, const Element& element, const Container& container,
              const Message&... message) {
  check_contains(site, container, element, message...);
}

/// Python's `not in`; a failure also says where the element was found.
template <class Container, class Element, class... Message>
void check_not_contains(const AssertionSite& site, const Container& container, const Element& element,
                        const Message&... message) {
  const std::optional<std::size_t> found = find_in(container, element);
  if (!found) [[likely]]
    return assertion_passed(site.where);
  fail_with(
      site, [&] { return membership_lines(print(element), print(container), found); }, message...);
}

template <class Element, class Container, class... Message>
void check_not_in(const AssertionSite& site, const Element& element, const Container& container,
                  const Message&... message) {
  check_not_contains(site, container, element, message...);
}

/// TK_FAIL: fails unconditionally with the message.
template <class... Message> void fail_now(const AssertionSite& site, const Message&... message) {
  assertion_failed(site, all_arguments, {}, format_message(message...));
}

}  // namespace testkit::detail
