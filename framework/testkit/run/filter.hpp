#pragma once
/// Selecting tests by name with GoogleTest's filter syntax.

#include <string>
#include <string_view>
#include <vector>

namespace testkit {

/// A gtest-style filter: ':'-separated glob patterns (* any text, ? one character), optionally followed by
/// '-' and patterns to exclude. "" and "*" select everything; "-Slow.*" everything but Slow's tests.
class TestFilter {
 public:
  explicit TestFilter(std::string_view filter);

  /// True when `full_name` ("Suite.name") matches a positive pattern and no negative one.
  [[nodiscard]] bool matches(std::string_view full_name) const;

 private:
  std::vector<std::string> include_;
  std::vector<std::string> exclude_;
};

/// What makes `filter` malformed, naming the pattern and the 1-based column of the problem in `filter`; empty when
/// it is well-formed. Malformed: a character that no test name holds (names hold letters, digits, '_', '$', '.',
/// '/' and non-ASCII UTF-8; the only wildcards are * and ?), so "Foo[", "(" and "a b" would select nothing; a
/// second '-'; an empty pattern in a ':'-separated list ("a::b"), which matches no name. An empty list before or
/// after the '-' is well-formed ("-Slow.*", "Fast.*-").
[[nodiscard]] std::string filter_problem(std::string_view filter);

/// Glob match of the whole `text` against `pattern` with * and ?.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace testkit
