#include <testkit/program/text.hpp>

#include <array>
#include <vector>

#include <fmt/format.h>

#include <testkit/assert/describe.hpp>
#include <testkit/assert/diff.hpp>
#include <testkit/assert/print.hpp>

namespace testkit {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string normalize_line(std::string_view line, const Text& options) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (options.collapse_whitespace && (c == ' ' || c == '\t')) {
      while (i + 1 < line.size() && (line[i + 1] == ' ' || line[i + 1] == '\t')) ++i;
      c = ' ';
    }
    if (options.ignore_case && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out += c;
  }
  if (options.ignore_trailing_whitespace)
    while (!out.empty() && is_blank(out.back())) out.pop_back();
  return out;
}

std::string_view without_final_newline(std::string_view text, const Text& options) {
  if (options.ignore_final_newline && text.ends_with('\n')) text.remove_suffix(1);
  return text;
}

// The texts' lines, each line normalized on its own: what a diff matches the lines as written by.
std::vector<std::string> normalized_lines(const std::vector<std::string>& lines, const Text& options) {
  std::vector<std::string> keys;
  keys.reserve(lines.size());
  for (const std::string& line : lines) keys.push_back(normalize_line(line, options));
  return keys;
}

// The options, beyond those given, under which the texts are equal, as a hint ("" when none would do).
std::string equalizing_options(std::string_view actual, std::string_view expected, const Text& given) {
  struct Option {
    bool Text::*flag;
    const char* name;
  };
  constexpr std::array<Option, 4> options{{{&Text::ignore_trailing_whitespace, "ignore_trailing_whitespace"},
                                           {&Text::collapse_whitespace, "collapse_whitespace"},
                                           {&Text::ignore_case, "ignore_case"},
                                           {&Text::ignore_final_newline, "ignore_final_newline"}}};
  Text all = given;
  std::vector<std::string> missing;
  for (const Option& option : options) {
    if (given.*option.flag) continue;
    all.*option.flag = true;
    Text one = given;
    one.*option.flag = true;
    if (texts_equal(actual, expected, one)) return fmt::format("they are equal with .{} = true", option.name);
    missing.push_back(fmt::format(".{} = true", option.name));
  }
  if (missing.size() > 1 && texts_equal(actual, expected, all))
    return fmt::format("they are equal with {}", fmt::join(missing, ", "));
  return {};
}

}  // namespace

std::string normalize_text(std::string_view text, const Text& options) {
  std::string out;
  bool first = true;
  for (const std::string& line : detail::split_lines(without_final_newline(text, options))) {
    if (!first) out += '\n';
    out += normalize_line(line, options);
    first = false;
  }
  return out;
}

bool texts_equal(std::string_view a, std::string_view b, const Text& options) {
  if (a == b) return true;
  const bool exact = !options.ignore_trailing_whitespace && !options.collapse_whitespace && !options.ignore_case &&
                     !options.ignore_final_newline;
  return !exact && normalize_text(a, options) == normalize_text(b, options);
}

namespace detail {

std::string text_mismatch(std::string_view actual, std::string_view expected, const testkit::Text& options,
                          std::string_view expected_name) {
  if (texts_equal(actual, expected, options)) return {};
  const std::vector<std::string> actual_lines = split_lines(without_final_newline(actual, options));
  const std::vector<std::string> expected_lines = split_lines(without_final_newline(expected, options));
  const std::string padding(expected_name.size() > 6 ? expected_name.size() - 6 : 0, ' ');  // values line up
  std::string out = fmt::format("actual: {}{}\n{}: {}\ndiff (-{} +actual):\n{}", padding, cap_value(print(actual)),
                                expected_name, cap_value(print(expected)), expected_name,
                                unified_diff(expected_lines, actual_lines, normalized_lines(expected_lines, options),
                                             normalized_lines(actual_lines, options)));
  if (const std::string hint = equalizing_options(actual, expected, options); !hint.empty())
    out += "\nnote: " + hint + " (testkit::Text)";
  return out;
}

}  // namespace detail
}  // namespace testkit
