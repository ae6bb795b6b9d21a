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

/// Glob match of the whole `text` against `pattern` with * and ?.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace testkit
