#pragma once
/// Subtests: labelled parts of a test that fail on their own while the rest of the test goes on.

#include <functional>
#include <source_location>
#include <string>
#include <string_view>

#include <testkit/assert/handler.hpp>

namespace testkit {

/// Runs `body` as a subtest of the current test: its failures (fatal assertions and exceptions included)
/// are recorded with `label` and end only the subtest. A TK_SKIP inside skips the whole test.
/// Example: for (int n : {1, 2, 3}) testkit::subtest(fmt::format("n={}", n), [&] { TK_ASSERT(n > 0); });
void subtest(std::string_view label, const std::function<void()>& body,
             std::source_location where = std::source_location::current());

namespace detail {
/// The left side of `TK_SUBTEST(...) = [&] { ... }`.
struct SubtestLauncher {
  std::string label;
  std::source_location where;
  template <class Body> void operator=(Body&& body) {
    subtest(label, std::function<void()>(std::forward<Body>(body)), where);
  }
};
}  // namespace detail

}  // namespace testkit

/// A subtest with a formatted label; its body is a block followed by a semicolon.
/// Example: for (int n : {1, 2}) TK_SUBTEST("n={}", n) { TK_ASSERT(n > 0); };
#define TK_SUBTEST(...)                                                              \
  ::testkit::detail::SubtestLauncher{::testkit::detail::format_message(__VA_ARGS__), \
                                     std::source_location::current()} = [&]()
