#include <testkit/run/filter.hpp>

#include <algorithm>

#include <fmt/format.h>

namespace testkit {
namespace {

std::vector<std::string> split_patterns(std::string_view patterns) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= patterns.size()) {
    const std::size_t end = std::min(patterns.find(':', start), patterns.size());
    if (end > start) out.emplace_back(patterns.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Whether `c` may stand in a pattern: a wildcard, or a character of a test's full name ("Suite.name/3"): C++
// identifiers (with GCC's '$' and UTF-8 letters), the '.' between suite and name, the '/' of a parameter's index.
bool may_stand_in_a_pattern(char c) {
  const auto byte = static_cast<unsigned char>(c);
  const bool ascii_alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return ascii_alnum || byte >= 0x80 || std::string_view("_$./*?").find(c) != std::string_view::npos;
}

std::string shown_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte < 0x7F ? fmt::format("'{}'", c) : fmt::format("byte 0x{:02x}", byte);
}

// The problem with the ':'-separated patterns of `filter` from `begin` to `end`, or empty.
std::string list_problem(std::string_view filter, std::size_t begin, std::size_t end) {
  if (begin == end) return {};
  for (std::size_t start = begin;;) {
    const std::size_t stop = std::min(filter.find(':', start), end);
    const std::string_view pattern = filter.substr(start, stop - start);
    if (pattern.empty())
      return fmt::format(
          "malformed filter '{}': empty pattern at column {} (':' separates patterns, and an empty one "
          "matches no test)",
          filter, start + 1);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (may_stand_in_a_pattern(pattern[i])) continue;
      const std::size_t column = start + i + 1;
      if (pattern[i] == '-')
        return fmt::format(
            "malformed filter '{}': a second '-' at column {} (in pattern '{}'); one '-' starts the "
            "excluded patterns, and no test name holds '-'",
            filter, column, pattern);
      return fmt::format(
          "malformed filter '{}': {} at column {} (in pattern '{}') is in no test name; names hold "
          "letters, digits, '_', '.' and '/', and the only wildcards are '*' and '?'",
          filter, shown_char(pattern[i]), column, pattern);
    }
    if (stop == end) return {};
    start = stop + 1;
  }
}

}  // namespace

std::string filter_problem(std::string_view filter) {
  const std::size_t dash = std::min(filter.find('-'), filter.size());
  std::string problem = list_problem(filter, 0, dash);
  if (problem.empty() && dash < filter.size()) problem = list_problem(filter, dash + 1, filter.size());
  return problem;
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matcher with one backtrack point: linear in practice, no recursion on long names.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

TestFilter::TestFilter(std::string_view filter) {
  const std::size_t dash = filter.find('-');
  include_ = split_patterns(filter.substr(0, dash));
  if (dash != std::string_view::npos) exclude_ = split_patterns(filter.substr(dash + 1));
  if (include_.empty()) include_.emplace_back("*");
}

bool TestFilter::matches(std::string_view full_name) const {
  const auto match = [&](const std::string& pattern) { return glob_match(pattern, full_name); };
  return std::ranges::any_of(include_, match) && std::ranges::none_of(exclude_, match);
}

}  // namespace testkit
