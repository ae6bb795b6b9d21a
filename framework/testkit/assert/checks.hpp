#pragma once
/// The functions the assertion macros call: evaluate cheaply, describe only on failure.

#include <cmath>
#include <algorithm>
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

template <class Expression, class... Message>
void check_expression(const AssertionSite& site, const Expression& expression, const Message&... message) {
  if (expression.passed()) [[likely]] return note_checkpoint(site.where);
  assertion_failed(site, sizeof...(Message), expression.explain(), format_message(message...));
}

template <class Op, class L, class R, class... Message>
void check_comparison(const AssertionSite& site, const L& left, const R& right, const Message&... message) {
  if (Op{}(left, right)) [[likely]] return note_checkpoint(site.where);
  assertion_failed(site, sizeof...(Message), describe_operands<Op>(left, right, false), format_message(message...));
}

template <bool Expected, class Condition, class... Message>
void check_boolean(const AssertionSite& site, const Condition& condition, const Message&... message) {
  if (static_cast<bool>(condition) == Expected) [[likely]] return note_checkpoint(site.where);
  std::string details;
  if constexpr (!std::is_same_v<Condition, bool>) details = "value: " + cap_value(print(condition));
  assertion_failed(site, sizeof...(Message), std::move(details), format_message(message...));
}

template <class L, class R, class T, class... Message>
void check_near(const AssertionSite& site, const L& left, const R& right, const T& tolerance, const Message&... message) {
  const auto difference = std::abs(static_cast<long double>(left) - static_cast<long double>(right));
  if (difference <= static_cast<long double>(tolerance)) [[likely]] return note_checkpoint(site.where);  // false for NaN
  assertion_failed(site, sizeof...(Message),
                   operand_lines(print(left), print(right),
                                 "difference: " + print(static_cast<double>(difference)) + ", tolerance: " + print(tolerance)),
                   format_message(message...));
}

template <class L, class R, class... Message>
void check_sequence_equal(const AssertionSite& site, const L& left, const R& right, const Message&... message) {
  if (std::ranges::equal(left, right, Equal{})) [[likely]] return note_checkpoint(site.where);
  assertion_failed(site, sizeof...(Message),
                   operand_lines(print(left), print(right), describe_sequence_difference(compare_elements(left, right))),
                   format_message(message...));
}

/// Python's `in`: a substring of a text, else an element of a range.
template <class Element, class Container>
bool contains(const Container& container, const Element& element) {
  if constexpr (Text<Container>)
    return as_text(container).find(as_text(element)) != std::string_view::npos;
  else
    return std::ranges::any_of(container, [&](const auto& item) { return Equal{}(item, element); });
}

template <class Container, class Element, class... Message>
void check_contains(const AssertionSite& site, const Container& container, const Element& element,
                    const Message&... message) {
  if (contains(container, element)) [[likely]] return note_checkpoint(site.where);
  assertion_failed(site, sizeof...(Message),
                   "element:   " + cap_value(print(element)) + "\ncontainer: " + cap_value(print(container)),
                   format_message(message...));
}

template <class Element, class Container, class... Message>
void check_in(const AssertionSite& site, const Element& element, const Container& container, const Message&... message) {
  check_contains(site, container, element, message...);
}

/// Calls `statement` and fails unless it throws `Exception` whose what() contains `text` (any what() when
/// `text` has no data).
template <class Exception, class Statement, class... Message>
void check_throws(const AssertionSite& site, Statement&& statement, std::string_view text, const Message&... message) {
  std::string details;
  try {
    statement();
    details = "no exception was thrown";
  } catch (const Exception& thrown) {
    if constexpr (requires { std::string_view(thrown.what()); }) {
      if (text.data() == nullptr || std::string_view(thrown.what()).find(text) != std::string_view::npos)
        return note_checkpoint(site.where);
      assertion_failed(site, 0,
                       "what():   " + print(std::string_view(thrown.what())) + "\nexpected: a message containing " + print(text),
                       format_message(message...));
      return;
    } else {
      return note_checkpoint(site.where);
    }
  } catch (const FatalFailure&) {
    throw;
  } catch (const SkipRequested&) {
    throw;
  } catch (...) {
    details = "threw " + describe_current_exception();
  }
  details += "\nexpected: an exception of type " + type_name(typeid(Exception));
  assertion_failed(site, 0, std::move(details), format_message(message...));
}

template <class Statement, class... Message>
void check_no_throw(const AssertionSite& site, Statement&& statement, const Message&... message) {
  try {
    statement();
    note_checkpoint(site.where);
  } catch (const FatalFailure&) {
    throw;
  } catch (const SkipRequested&) {
    throw;
  } catch (...) {
    assertion_failed(site, 0, "threw " + describe_current_exception(), format_message(message...));
  }
}

/// TK_FAIL: fails unconditionally with the message.
template <class... Message>
void fail_now(const AssertionSite& site, const Message&... message) {
  assertion_failed(site, all_arguments, {}, format_message(message...));
}

}  // namespace testkit::detail
