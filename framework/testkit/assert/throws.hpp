#pragma once
/// The exception assertions: _THROWS, _THROWS_WITH (a substring or a testkit::regex of what()),
/// _THROWS_MATCHING (a predicate on the caught exception) and _NO_THROW.

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>

#include <testkit/assert/handler.hpp>
#include <testkit/assert/regex.hpp>
#include <testkit/core/black_box.hpp>
#include <testkit/core/context.hpp>
#include <testkit/core/exception_text.hpp>

namespace testkit::detail {

/// Why `what` does not contain `text` ("what(): ...\nexpected: a message containing ..."); "" when it does or
/// when `text` has no data (any message).
[[nodiscard]] std::string what_mismatch(std::string_view what, std::string_view text);
/// Why no part of `what` matches `pattern`; "" when one does. An invalid pattern never matches, and says why.
[[nodiscard]] std::string what_mismatch(std::string_view what, const Regex& pattern);
/// The failure of a predicate that rejected the exception being handled (or threw `predicate_error`, when not
/// empty). Call only inside the catch block of that exception.
[[nodiscard]] std::string predicate_rejection(const std::type_info& expected, std::string_view predicate_error);

/// Calls `statement`; passes when it throws `Exception` (or a type derived from it) and `verdict(thrown)`
/// returns "", else fails with what verdict returned, or with what was thrown instead. A failed assertion or a
/// skip inside the statement or the verdict is let through.
template <class Exception, class Statement, class Verdict, class... Message>
void check_thrown(const AssertionSite& site, std::size_t message_arguments, Statement& statement, Verdict& verdict,
                  const Message&... message) {
  std::string details;
  try {
    statement();
    details = "no exception was thrown";
  } catch (const Exception& thrown) {
    std::string why = verdict(thrown);
    if (why.empty()) return assertion_passed(site.where);
    return assertion_failed(site, message_arguments, std::move(why), format_message(message...));
  } catch (const FatalFailure&) {
    throw;
  } catch (const SkipRequested&) {
    throw;
  } catch (...) {
    details = "threw " + describe_current_exception();
  }
  details += "\nexpected: an exception of type " + type_name(typeid(Exception));
  assertion_failed(site, message_arguments, std::move(details), format_message(message...));
}

/// TK_ASSERT_THROWS and _THROWS_WITH: `statement` throws `Exception` whose what() contains `what` (a text; any
/// what() when it has no data) or matches it (a testkit::Regex). An exception without what() passes.
template <class Exception, class Statement, class What, class... Message>
void check_throws(const AssertionSite& site, Statement&& statement, const What& what, const Message&... message) {
  static_assert(std::is_convertible_v<const What&, std::string_view> || std::is_same_v<What, Regex>,
                "TK_ASSERT_THROWS_WITH wants a text that what() contains, or a testkit::regex(\"...\") it matches");
  auto verdict = [&what]([[maybe_unused]] const Exception& thrown) -> std::string {
    if constexpr (requires { std::string_view(thrown.what()); })
      return what_mismatch(std::string_view(thrown.what()), what);
    else
      return {};
  };
  check_thrown<Exception>(site, 0, statement, verdict, message...);
}

/// TK_ASSERT_THROWS_MATCHING: `statement` throws `Exception` and `predicate(const Exception&)` returns true. A
/// predicate returning void leaves the verdict to the assertions inside it (unittest's `with assertRaises`).
template <class Exception, class Statement, class Predicate, class... Message>
void check_throws_matching(const AssertionSite& site, Statement&& statement, Predicate&& predicate,
                           const Message&... message) {
  constexpr bool usable = std::is_invocable_v<Predicate&, const Exception&>;
  static_assert(usable,
                "the predicate of TK_ASSERT_THROWS_MATCHING takes the exception (const Type&) and returns bool");
  if constexpr (usable) {
    using Result = std::invoke_result_t<Predicate&, const Exception&>;
    static_assert(std::is_void_v<Result> || std::is_convertible_v<Result, bool>,
                  "the predicate of TK_ASSERT_THROWS_MATCHING returns bool (or nothing, when assertions decide)");
    auto verdict = [&predicate](const Exception& thrown) -> std::string {
      std::string predicate_error;
      try {
        if constexpr (std::is_void_v<Result>) {
          predicate(thrown);
          return {};
        } else {
          if (static_cast<bool>(predicate(thrown))) return {};
        }
      } catch (const FatalFailure&) {
        throw;
      } catch (const SkipRequested&) {
        throw;
      } catch (...) {
        predicate_error = describe_current_exception();
      }
      return predicate_rejection(typeid(Exception), predicate_error);
    };
    check_thrown<Exception>(site, sizeof...(Message), statement, verdict, message...);
  }
}

template <class Statement, class... Message>
void check_no_throw(const AssertionSite& site, Statement&& statement, const Message&... message) {
  try {
    statement();
    assertion_passed(site.where);
  } catch (const FatalFailure&) {
    throw;
  } catch (const SkipRequested&) {
    throw;
  } catch (...) {
    assertion_failed(site, 0, "threw " + describe_current_exception(), format_message(message...));
  }
}

}  // namespace testkit::detail
