#pragma once
/// Death and exit tests, as GoogleTest's EXPECT_EXIT and EXPECT_DEATH: a statement runs in a forked process of its
/// own, and the assertion checks how that process ended and what it wrote to stderr.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <testkit/assert/handler.hpp>
#include <testkit/assert/macros.hpp>
#include <testkit/core/black_box.hpp>

namespace testkit {

/// How the process of an exit test must end: build it with testkit::exited() or testkit::killed_by().
struct ExitCondition {
  bool by_signal = false;  ///< killed by the signal `value`, rather than exited with the status `value`
  int value = 0;
};

/// The process exits (exit(), _exit(), returning from a main) with status `code`.
[[nodiscard]] constexpr ExitCondition exited(int code) { return {false, code}; }
/// The process is killed by `signal` (SIGABRT for abort() and std::terminate).
[[nodiscard]] constexpr ExitCondition killed_by(int signal) { return {true, signal}; }

}  // namespace testkit

namespace testkit::detail {

/// Runs `statement` in a forked process (as run_main runs a main: empty stdin, the test's patches, the default
/// timeout) and says why its end is not the expected one: "" when it ended as `expected` (null: killed by any signal)
/// and some part of its stderr matches the ECMAScript regular expression `pattern` (empty: any stderr). A statement
/// that returns, or throws, did not end its process: that is a failure.
[[nodiscard]] std::string exit_mismatch(const std::function<void()>& statement, const ExitCondition* expected,
                                        std::string_view pattern);

/// TK_EXPECT_EXIT: fails at `site` when the statement's process does not end as `expected` with matching stderr.
template <class Statement, class... Message>
void check_exit(const AssertionSite& site, Statement&& statement, const ExitCondition& expected,
                std::string_view pattern, const Message&... message) {
  std::string mismatch = exit_mismatch(statement, &expected, pattern);
  if (mismatch.empty()) return assertion_passed(site.where);
  assertion_failed(site, sizeof...(Message), std::move(mismatch), format_message(message...));
}

/// TK_EXPECT_DEATH: fails at `site` when the statement's process is not killed by a signal with matching stderr.
template <class Statement, class... Message>
void check_death(const AssertionSite& site, Statement&& statement, std::string_view pattern,
                 const Message&... message) {
  std::string mismatch = exit_mismatch(statement, nullptr, pattern);
  if (mismatch.empty()) return assertion_passed(site.where);
  assertion_failed(site, sizeof...(Message), std::move(mismatch), format_message(message...));
}

/// TK_EXPECT_DEATH without a regular expression: any stderr.
template <class Statement> void check_death(const AssertionSite& site, Statement&& statement) {
  check_death(site, std::forward<Statement>(statement), std::string_view{});
}

}  // namespace testkit::detail

/// `statement`, run in a process of its own, ends that process as the condition says (testkit::exited(2),
/// testkit::killed_by(SIGSEGV)), and its stderr matches the regular expression. TK_EXPECT_EXIT(quit(), exited(3),
/// "bye")
#define TK_ASSERT_EXIT(statement, ...)                                                                            \
  ::testkit::detail::check_exit(TK_DETAIL_SITE(true, "TK_ASSERT_EXIT", #statement __VA_OPT__(", " #__VA_ARGS__)), \
                                [&] { statement; } __VA_OPT__(, ) __VA_ARGS__)
#define TK_EXPECT_EXIT(statement, ...)                                                                             \
  ::testkit::detail::check_exit(TK_DETAIL_SITE(false, "TK_EXPECT_EXIT", #statement __VA_OPT__(", " #__VA_ARGS__)), \
                                [&] { statement; } __VA_OPT__(, ) __VA_ARGS__)

/// `statement`, run in a process of its own, is killed by a signal (abort(), std::terminate, a crash), and its stderr
/// matches the regular expression (optional). TK_EXPECT_DEATH(parse(nullptr), "null input")
#define TK_ASSERT_DEATH(statement, ...)                                                                             \
  ::testkit::detail::check_death(TK_DETAIL_SITE(true, "TK_ASSERT_DEATH", #statement __VA_OPT__(", " #__VA_ARGS__)), \
                                 [&] { statement; } __VA_OPT__(, ) __VA_ARGS__)
#define TK_EXPECT_DEATH(statement, ...)                                                                              \
  ::testkit::detail::check_death(TK_DETAIL_SITE(false, "TK_EXPECT_DEATH", #statement __VA_OPT__(", " #__VA_ARGS__)), \
                                 [&] { statement; } __VA_OPT__(, ) __VA_ARGS__)
