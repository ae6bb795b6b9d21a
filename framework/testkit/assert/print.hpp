#pragma once
/// Turning any value into the text a failure message shows.

#include <concepts>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <ranges>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include <testkit/core/exception_text.hpp>

namespace testkit {

/// The text a failure message shows for `value`. Strings and chars are quoted with escapes visible,
/// ranges print as {a, b}, maps as {k: v}, tuples as (a, b); other types use their fmt::formatter,
/// then their operator<<, and else show their bytes ("4-byte object <2A 00 00 00>").
template <class T> [[nodiscard]] std::string print(const T& value);

namespace detail {

/// Elements a printed range shows before "... (N more)".
inline constexpr std::size_t max_printed_elements = 64;

[[nodiscard]] std::string quote_string(std::string_view text);
[[nodiscard]] std::string quote_char(char c);
[[nodiscard]] std::string print_bytes(const void* object, std::size_t size);
[[nodiscard]] std::string print_enum(const std::type_info& type, long long value);
[[nodiscard]] std::string print_pointer(const void* pointer);

template <class T>
concept StringLike =
    std::is_convertible_v<const T&, std::string_view> && !std::is_pointer_v<T> && !std::is_same_v<T, std::nullptr_t>;

template <class T>
concept CharPointer = std::is_pointer_v<T> && std::is_same_v < std::remove_cv_t<std::remove_pointer_t<T>>,
char > ;

template <class T>
concept TupleLike = requires {
  std::tuple_size<T>::value;
}
&&!std::ranges::range<T>;

template <class T>
concept MapLike = std::ranges::range<T> && requires {
  typename T::key_type;
  typename T::mapped_type;
};

template <class T>
concept Streamable = requires(std::ostream& out, const T& value) {
  out << value;
};

/// A range whose elements are of its own type, such as nlohmann::json (a scalar iterates over itself): printing its
/// elements would never end, so it prints as a whole when it can.
template <class T>
concept SelfSimilarRange =
    std::ranges::range<T> && std::is_same_v<std::remove_cvref_t<std::ranges::range_value_t<T>>, T>;

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

template <class T> struct is_variant : std::false_type {};
template <class... Ts> struct is_variant<std::variant<Ts...>> : std::true_type {};

template <class Tuple> std::string print_tuple(const Tuple& tuple) {
  std::string out = "(";
  std::apply(
      [&out](const auto&... items) {
        std::size_t index = 0;
        ((out += (index++ ? ", " : "") + print(items)), ...);
      },
      tuple);
  return out + ")";
}

template <class Range> std::string print_range(const Range& range) {
  std::string out = "{";
  std::size_t count = 0;
  for (const auto& element : range) {
    if (count < max_printed_elements) {
      if (count) out += ", ";
      if constexpr (MapLike<Range>)
        out += print(element.first) + ": " + print(element.second);
      else
        out += print(element);
    }
    ++count;
  }
  if (count > max_printed_elements) out += fmt::format(", ... ({} more)", count - max_printed_elements);
  return out + "}";
}

}  // namespace detail

template <class T> std::string print(const T& value) {
  using namespace detail;
  if constexpr (std::is_same_v<T, std::nullptr_t>) {
    return "nullptr";
  } else if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::is_same_v<T, char>) {
    return quote_char(value);
  } else if constexpr (CharPointer<T>) {
    return value ? quote_string(value) : "nullptr";
  } else if constexpr (std::is_same_v<T, std::filesystem::path>) {
    return quote_string(value.native());
  } else if constexpr (StringLike<T>) {
    return quote_string(std::string_view(value));
  } else if constexpr (std::is_same_v<T, std::nullopt_t>) {
    return "nullopt";
  } else if constexpr (is_optional<T>::value) {
    return value ? "optional(" + print(*value) + ")" : "nullopt";
  } else if constexpr (std::is_same_v<T, std::monostate>) {
    return "monostate";
  } else if constexpr (is_variant<T>::value) {
    if (value.valueless_by_exception()) return "valueless variant";
    return std::visit([](const auto& held) { return print(held); }, value);
  } else if constexpr (TupleLike<T>) {
    return print_tuple(value);
  } else if constexpr (SelfSimilarRange<T> && (fmt::is_formattable<T>::value || Streamable<T>)) {
    if constexpr (fmt::is_formattable<T>::value) {
      return fmt::format("{}", value);
    } else {
      std::ostringstream out;
      out << value;
      return out.str();
    }
  } else if constexpr (std::ranges::range<T>) {
    return print_range(value);
  } else if constexpr (std::is_pointer_v<T> && std::is_object_v<std::remove_pointer_t<T>>) {
    return print_pointer(static_cast<const void*>(value));
  } else if constexpr (std::is_pointer_v<T> || std::is_member_pointer_v<T>) {
    return print_bytes(&value, sizeof(value));  // function and member pointers
  } else if constexpr (std::is_arithmetic_v<T>) {
    if constexpr (std::is_integral_v<T>)  // also signed/unsigned char and charN_t: shown as numbers
      return fmt::format("{}",
                         static_cast<std::conditional_t<std::is_signed_v<T>, long long, unsigned long long>>(value));
    else
      return fmt::format("{}", value);
  } else if constexpr (fmt::is_formattable<T>::value) {
    return fmt::format("{}", value);
  } else if constexpr (Streamable<T>) {
    std::ostringstream out;
    out << value;
    return out.str();
  } else if constexpr (std::is_enum_v<T>) {
    return print_enum(typeid(T), static_cast<long long>(value));
  } else {
    return print_bytes(std::addressof(value), sizeof(T));
  }
}

}  // namespace testkit
