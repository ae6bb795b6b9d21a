#pragma once
/// What a Patch records of each call, and what it answers.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include <testkit/mock/targets.hpp>

namespace testkit {

/// One call a Patch answered: the function, its arguments as text, and its place among all patched calls.
struct Call {
  Function function{};
  std::vector<std::string> arguments{};  ///< paths as their text, numbers in decimal, other pointers in hex
  std::uint64_t order = 0;               ///< increases with every call any Patch records, in any thread

  /// The call as written: `unlink(/tmp/x)`.
  [[nodiscard]] std::string text() const;
  /// The first path-like argument, or "" (the path of unlink, open, unlinkat...).
  [[nodiscard]] std::string path() const;
  /// Argument `index` as an integer (fds, flags, counts); 0 if it is not a number.
  [[nodiscard]] long long number(std::size_t index) const;
};

/// What a patched call does: return a value, fail with an errno, or run the real function.
struct Outcome {
  enum class Kind { value, error, through };
  Kind kind = Kind::through;
  long long value = 0;  ///< for Kind::value; a pointer result is this value as an address
  int error = 0;        ///< for Kind::error: errno (getaddrinfo: its EAI_* result)

  /// Returns `value` (errno untouched).
  [[nodiscard]] static Outcome returning(long long value) { return {Kind::value, value, 0}; }
  /// Fails as the function does: -1 (null for pointer results) and errno = `error`.
  [[nodiscard]] static Outcome failing(int error) { return {Kind::error, 0, error}; }
  /// Calls the real function.
  [[nodiscard]] static Outcome through() { return {}; }
};

namespace detail {

/// An argument as a Call shows it.
template <class T> [[nodiscard]] std::string describe_argument(T value) {
  if constexpr (std::is_same_v<T, const char*> || std::is_same_v<T, char*>) {
    return value == nullptr ? std::string("nullptr") : std::string(value);
  } else if constexpr (std::is_pointer_v<T>) {
    return value == nullptr ? std::string("nullptr") : fmt::format("{}", static_cast<const void*>(value));
  } else {
    return fmt::format("{}", value);
  }
}

/// A call as written, `unlink(/tmp/x)`: what Call::text() shows, and call assertions expect.
[[nodiscard]] std::string call_text(std::string_view function, const std::vector<std::string>& arguments);

/// The text() of each call, oldest first, joined by `separator`; past `limit` calls, "... (N more)".
[[nodiscard]] std::string join_call_texts(const std::vector<Call>& calls, std::string_view separator,
                                          std::size_t limit = std::numeric_limits<std::size_t>::max());

}  // namespace detail
}  // namespace testkit
