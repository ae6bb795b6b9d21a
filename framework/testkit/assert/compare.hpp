#pragma once
/// The comparisons behind the assertion macros.

#include <string_view>
#include <type_traits>
#include <utility>

#include <testkit/assert/print.hpp>

namespace testkit::detail {

/// Integers compared by value whatever their signedness (std::cmp_*), with no -Wsign-compare noise.
template <class T>
concept PlainInteger =
    std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> && !std::is_same_v<T, wchar_t> &&
    !std::is_same_v<T, char8_t> && !std::is_same_v<T, char16_t> && !std::is_same_v<T, char32_t>;

/// C strings (char pointers and arrays) are compared by content, a null pointer equal only to another.
template <class T>
concept CString = CharPointer<std::decay_t<T>>;

[[nodiscard]] constexpr int compare_c_strings(const char* left, const char* right) {
  if (!left || !right) return left == right ? 0 : (left ? 1 : -1);
  return std::string_view(left).compare(right);
}

#define TK_DETAIL_COMPARISON(Name, symbol_text, integer_compare, op)                                           \
  struct Name {                                                                                                \
    static constexpr std::string_view symbol = symbol_text;                                                    \
    template <class L, class R> [[nodiscard]] constexpr bool operator()(const L& left, const R& right) const { \
      if constexpr (PlainInteger<L> && PlainInteger<R>)                                                        \
        return std::integer_compare(left, right);                                                              \
      else if constexpr (CString<L> && CString<R>)                                                             \
        return compare_c_strings(left, right) op 0;                                                            \
      else                                                                                                     \
        return left op right;                                                                                  \
    }                                                                                                          \
  };

TK_DETAIL_COMPARISON(Equal, "==", cmp_equal, ==)
TK_DETAIL_COMPARISON(NotEqual, "!=", cmp_not_equal, !=)
TK_DETAIL_COMPARISON(Less, "<", cmp_less, <)
TK_DETAIL_COMPARISON(LessEqual, "<=", cmp_less_equal, <=)
TK_DETAIL_COMPARISON(Greater, ">", cmp_greater, >)
TK_DETAIL_COMPARISON(GreaterEqual, ">=", cmp_greater_equal, >=)
#undef TK_DETAIL_COMPARISON

}  // namespace testkit::detail
