#pragma once
/// Splitting `TK_ASSERT(a == b)` into its operands so that a failure can show both values.

#include <string>
#include <type_traits>

#include <testkit/assert/compare.hpp>
#include <testkit/assert/describe.hpp>

namespace testkit::detail {

template <class T> struct DecompositionError;

/// `a op b` captured by reference; lives within the assertion's full expression.
template <class L, class R, class Op> struct BinaryExpression {
  const L& left;
  const R& right;

  [[nodiscard]] bool passed() const { return Op{}(left, right); }
  [[nodiscard]] std::string explain() const { return describe_operands<Op>(left, right, true); }

  // TK_ASSERT(a == 1 && b == 2) lands here: give it the same readable error as TK_ASSERT(a && b).
  template <class T> DecompositionError<T> operator&&(const T&) const { return {}; }
  template <class T> DecompositionError<T> operator||(const T&) const { return {}; }
};

template <class T> struct UnaryExpression;

template <class T> struct DecompositionError {
  static_assert(sizeof(T) == 0,
                "TK_ASSERT cannot split && or || (operands would be evaluated eagerly): wrap the expression in "
                "parentheses, TK_ASSERT((a && b)), or use two assertions");
  // Declared so that the static_assert is the only error the compiler reports.
  [[nodiscard]] bool passed() const;
  [[nodiscard]] std::string explain() const;
};

/// The left operand of `TK_ASSERT(left op right)`, or the whole expression when there is no operator.
template <class T> struct UnaryExpression {
  const T& value;

  [[nodiscard]] bool passed() const { return static_cast<bool>(value); }
  [[nodiscard]] std::string explain() const {
    if constexpr (std::is_same_v<T, bool>)
      return {};
    else
      return "value: " + cap_value(print(value));
  }

  template <class R> BinaryExpression<T, R, Equal> operator==(const R& right) const { return {value, right}; }
  template <class R> BinaryExpression<T, R, NotEqual> operator!=(const R& right) const { return {value, right}; }
  template <class R> BinaryExpression<T, R, Less> operator<(const R& right) const { return {value, right}; }
  template <class R> BinaryExpression<T, R, LessEqual> operator<=(const R& right) const { return {value, right}; }
  template <class R> BinaryExpression<T, R, Greater> operator>(const R& right) const { return {value, right}; }
  template <class R> BinaryExpression<T, R, GreaterEqual> operator>=(const R& right) const { return {value, right}; }
  template <class R> DecompositionError<R> operator&&(const R&) const { return {}; }
  template <class R> DecompositionError<R> operator||(const R&) const { return {}; }
};

/// `Decomposer{} <= a == b` parses as `(Decomposer{} <= a) == b`, capturing both operands.
struct Decomposer {
  template <class T> UnaryExpression<T> operator<=(const T& value) const { return {value}; }
};

}  // namespace testkit::detail
