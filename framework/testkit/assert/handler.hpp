#pragma once
/// What happens when an assertion fails: the compiled core behind every TK_ macro.

#include <cstddef>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include <testkit/core/black_box.hpp>
#include <testkit/core/context.hpp>

namespace testkit::detail {

/// How and where an assertion was written; the macros build one as a constant.
struct AssertionSite {
  const char* macro;      ///< "TK_ASSERT_EQ"
  const char* arguments;  ///< the macro's arguments as written, message included
  std::source_location where;
  bool fatal;  ///< TK_ASSERT_* (ends the test) rather than TK_EXPECT_*
};

/// A `message_arguments` value meaning that every argument of the macro is message (TK_FAIL).
inline constexpr std::size_t all_arguments = static_cast<std::size_t>(-1);

/// What a passed assertion does: counts itself in the test's executed assertions (TestResult::assertions) and
/// marks `where` as the last point the test reached (see note_checkpoint).
inline void assertion_passed(const std::source_location& where) noexcept {
  count_assertion();
  note_checkpoint(where);
}

/// Counts the assertion in the test's executed assertions, then records it failed in the calling thread's current
/// test, with a stack trace, and ends the current phase (throws FatalFailure) if the site is fatal.
/// `message_arguments` is how many trailing macro arguments form the user's message, so that the headline shows only
/// the checked expression. Outside a test it prints the failure to stderr and aborts the program.
void assertion_failed(const AssertionSite& site, std::size_t message_arguments, std::string details,
                      std::string message);

/// Gives `failure`, about to be recorded in `context`, the calling thread's stack (raw frames, when the supervisor
/// symbolizes them), unless the run wants no traces or the context has had its share.
void attach_stacktrace(Failure& failure, const Context& context);

/// Ends the current phase and marks the test skipped (TK_SKIP).
[[noreturn]] void skip_test(std::string reason);

/// The user's message: fmt formatting, checked when the assertion fails. A bad format string gives the
/// raw text and the error rather than an exception.
[[nodiscard]] std::string vformat_message(std::string_view format, fmt::format_args args);

/// Builds the message from an assertion's trailing arguments: none, or a format string and its values.
template <class... Args> [[nodiscard]] std::string format_message(const Args&... args) {
  if constexpr (sizeof...(Args) == 0) {
    return {};
  } else {
    return [](const auto& format, const auto&... values) {
      static_assert(std::is_convertible_v<decltype(format), std::string_view>,
                    "the message of a TK_ assertion starts with a format string: TK_EXPECT_EQ(a, b, \"n = {}\", n)");
      return vformat_message(std::string_view(format), fmt::make_format_args(values...));
    }(args...);
  }
}

/// The arguments text without its last `count` top-level (comma-separated) arguments.
[[nodiscard]] std::string_view strip_trailing_arguments(std::string_view arguments, std::size_t count);

}  // namespace testkit::detail
