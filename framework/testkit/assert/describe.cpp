#include <testkit/assert/describe.hpp>

#include <fmt/format.h>

namespace testkit::detail {
namespace {
constexpr std::size_t max_value_chars = 2000;
constexpr std::size_t max_expanded_chars = 60;
}  // namespace

std::string cap_value(std::string value) {
  if (value.size() <= max_value_chars) return value;
  const std::size_t omitted = value.size() - max_value_chars;
  value.resize(max_value_chars);
  return value + fmt::format("... ({} more characters)", omitted);
}

std::string operand_lines(std::string left, std::string right, std::string_view difference) {
  std::string out = fmt::format("left:  {}\nright: {}", cap_value(std::move(left)), cap_value(std::move(right)));
  if (!difference.empty()) fmt::format_to(std::back_inserter(out), "\n{}", difference);
  return out;
}

std::string membership_lines(std::string element, std::string container, std::optional<std::size_t> found) {
  std::string out = "element:   " + cap_value(std::move(element)) + "\ncontainer: " + cap_value(std::move(container));
  if (found) fmt::format_to(std::back_inserter(out), "\nfound at index {}", *found);
  return out;
}

std::string expanded_lines(std::string left, std::string_view symbol, std::string right, std::string_view difference) {
  if (left.size() + right.size() > max_expanded_chars)
    return operand_lines(std::move(left), std::move(right), difference);
  std::string out = fmt::format("expanded: {} {} {}", left, symbol, right);
  if (!difference.empty()) fmt::format_to(std::back_inserter(out), "\n{}", difference);
  return out;
}

}  // namespace testkit::detail
