#include <testkit/run/filter.hpp>

#include <algorithm>

#include <fmt/format.h>

namespace testkit {
namespace {

// One pattern of a filter as written: the binary that qualifies it ("": none), its glob, where the glob starts.
struct WrittenPattern {
  std::string_view binary;
  std::string_view glob;
  std::size_t begin = 0;
};

struct WrittenFilter {
  std::vector<WrittenPattern> included;
  std::vector<WrittenPattern> excluded;
};

// The longest of `binaries` whose name and a ':' after it stand at `at` in `text`, or "".
std::string_view binary_at(std::string_view text, std::size_t at, std::span<const std::string> binaries) {
  const std::string_view rest = text.substr(at);
  std::string_view found;
  for (const std::string& binary : binaries)
    if (binary.size() > found.size() && rest.size() > binary.size() && rest.starts_with(binary) &&
        rest[binary.size()] == ':')
      found = binary;
  return found;
}

// Splits `filter` into its patterns: ':' separates them, and the first '-' starts the excluded ones. A binary's name
// at the start of a pattern is read whole, so the ':' after it separates nothing and a '-' in it excludes nothing.
WrittenFilter split_filter(std::string_view filter, std::span<const std::string> binaries) {
  WrittenFilter written;
  std::vector<WrittenPattern>* list = &written.included;
  for (std::size_t at = 0;;) {
    const std::string_view binary = binary_at(filter, at, binaries);
    if (!binary.empty()) at += binary.size() + 1;
    const std::string_view ends = list == &written.included ? ":-" : ":";
    const std::size_t end = std::min(filter.find_first_of(ends, at), filter.size());
    list->push_back({binary, filter.substr(at, end - at), at});
    if (end == filter.size()) return written;
    if (filter[end] == '-') list = &written.excluded;
    at = end + 1;
  }
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

// The problem with the patterns of one list of `filter` (before or after its '-'), or empty.
std::string list_problem(std::string_view filter, const std::vector<WrittenPattern>& list) {
  if (list.size() == 1 && list.front().binary.empty() && list.front().glob.empty()) return {};  // an empty list
  for (const WrittenPattern& pattern : list) {
    if (pattern.glob.empty() && !pattern.binary.empty())
      return fmt::format(
          "malformed filter '{}': no pattern after '{}:' at column {} (a binary's name and ':' go "
          "before a pattern of its tests)",
          filter, pattern.binary, pattern.begin + 1);
    if (pattern.glob.empty())
      return fmt::format(
          "malformed filter '{}': empty pattern at column {} (':' separates patterns, and an empty one "
          "matches no test)",
          filter, pattern.begin + 1);
    for (std::size_t i = 0; i < pattern.glob.size(); ++i) {
      const char c = pattern.glob[i];
      if (may_stand_in_a_pattern(c)) continue;
      const std::size_t column = pattern.begin + i + 1;
      if (c == '-')
        return fmt::format(
            "malformed filter '{}': a second '-' at column {} (in pattern '{}'); one '-' starts the "
            "excluded patterns, and no test name holds '-'",
            filter, column, pattern.glob);
      return fmt::format(
          "malformed filter '{}': {} at column {} (in pattern '{}') is in no test name; names hold "
          "letters, digits, '_', '.' and '/', and the only wildcards are '*' and '?'",
          filter, shown_char(c), column, pattern.glob);
    }
  }
  return {};
}

}  // namespace

std::string filter_problem(std::string_view filter, std::span<const std::string> binaries) {
  const WrittenFilter written = split_filter(filter, binaries);
  std::string problem = list_problem(filter, written.included);
  if (problem.empty() && !written.excluded.empty()) problem = list_problem(filter, written.excluded);
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

TestFilter::TestFilter(std::string_view filter, std::span<const std::string> binaries)
    : binaries_(binaries.begin(), binaries.end()) {
  const WrittenFilter written = split_filter(filter, binaries);
  const auto keep = [](const std::vector<WrittenPattern>& from, std::vector<Pattern>& to) {
    for (const WrittenPattern& pattern : from)
      if (!pattern.glob.empty()) to.push_back({std::string(pattern.binary), std::string(pattern.glob)});
  };
  keep(written.included, include_);
  keep(written.excluded, exclude_);
  if (include_.empty()) include_.push_back({"", "*"});
}

bool TestFilter::any_matches(const std::vector<Pattern>& patterns, std::string_view full_name) const {
  const std::string_view binary = binary_at(full_name, 0, binaries_);
  const std::string_view name = binary.empty() ? full_name : full_name.substr(binary.size() + 1);
  return std::ranges::any_of(patterns, [&](const Pattern& pattern) {
    return (pattern.binary.empty() || pattern.binary == binary) && glob_match(pattern.glob, name);
  });
}

bool TestFilter::matches(std::string_view full_name) const {
  return any_matches(include_, full_name) && !any_matches(exclude_, full_name);
}

}  // namespace testkit
