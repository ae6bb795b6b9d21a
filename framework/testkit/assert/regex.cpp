#include <testkit/assert/regex.hpp>

#include <regex>

namespace testkit {

// <regex> stays out of the header: it is one of the slowest standard headers to compile, and every test file
// includes the assertions.
Regex::Search Regex::search(std::string_view text) const {
  std::regex compiled;
  try {
    compiled.assign(pattern_, std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    return {false, std::string("not a valid regular expression: ") + error.what()};
  }
  try {
    return {std::regex_search(text.begin(), text.end(), compiled), {}};
  } catch (const std::regex_error& error) {  // too complex for std::regex's backtracking matcher
    return {false, std::string("the search gave up: ") + error.what()};
  }
}

}  // namespace testkit
