#include <testkit/run/filter.hpp>

#include <algorithm>

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

}  // namespace

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
