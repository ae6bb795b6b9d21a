#pragma once
/// testkit::regex: a regular expression that an assertion searches a text for.

#include <string>
#include <string_view>
#include <utility>

namespace testkit {

/// A regular expression in ECMAScript syntax (std::regex's default), kept as written and compiled where it
/// is used, so that an invalid one fails the assertion that uses it instead of throwing. Build it with
/// testkit::regex().
class Regex {
 public:
  /// The outcome of a search: whether some part of the text matched, or why the pattern could not be used.
  struct Search {
    bool found = false;
    std::string error;  ///< "not a valid regular expression: ..." or why the search failed; empty if it ran
  };

  explicit Regex(std::string pattern) : pattern_(std::move(pattern)) {}

  /// The pattern as written.
  [[nodiscard]] const std::string& pattern() const { return pattern_; }
  /// Whether some part of `text` matches (std::regex_search). Never throws a std::regex_error.
  [[nodiscard]] Search search(std::string_view text) const;

 private:
  std::string pattern_;
};

/// A regular expression for TK_ASSERT_THROWS_WITH, which then searches what() with it instead of looking for
/// a substring. Example: TK_EXPECT_THROWS_WITH(parse("x"), ParseError, testkit::regex("^line [0-9]+: "));
[[nodiscard]] inline Regex regex(std::string pattern) { return Regex(std::move(pattern)); }

}  // namespace testkit
