#pragma once
/// Selecting tests by name with GoogleTest's filter syntax.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace testkit {

/// A gtest-style filter: ':'-separated glob patterns (* any text, ? one character), optionally followed by
/// '-' and patterns to exclude. "" and "*" select everything; "-Slow.*" everything but Slow's tests.
/// In a run of several binaries (testkit-run), tests are named "binary:Suite.name", and a pattern may start with the
/// name of one of `binaries` and ':' ("a_tests:Math.*"): it then matches the tests of that binary only; a pattern
/// without one matches "Suite.name" in every binary.
class TestFilter {
 public:
  explicit TestFilter(std::string_view filter, std::span<const std::string> binaries = {});

  /// True when `full_name` ("Suite.name", or "binary:Suite.name" when the filter knows binaries) matches a positive
  /// pattern and no negative one.
  [[nodiscard]] bool matches(std::string_view full_name) const;

 private:
  struct Pattern {
    std::string binary;  ///< "": any binary
    std::string glob;
  };
  [[nodiscard]] bool any_matches(const std::vector<Pattern>& patterns, std::string_view full_name) const;

  std::vector<std::string> binaries_;
  std::vector<Pattern> include_;
  std::vector<Pattern> exclude_;
};

/// What makes `filter` malformed, naming the pattern and the 1-based column of the problem in `filter`; empty when
/// it is well-formed. Malformed: a character that no test name holds (names hold letters, digits, '_', '$', '.',
/// '/' and non-ASCII UTF-8; the only wildcards are * and ?), so "Foo[", "(" and "a b" would select nothing; a
/// second '-'; an empty pattern in a ':'-separated list ("a::b"), which matches no name, also after the name of one
/// of `binaries` ("a_tests:"). An empty list before or after the '-' is well-formed ("-Slow.*", "Fast.*-").
[[nodiscard]] std::string filter_problem(std::string_view filter, std::span<const std::string> binaries = {});

/// Glob match of the whole `text` against `pattern` with * and ?.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace testkit
