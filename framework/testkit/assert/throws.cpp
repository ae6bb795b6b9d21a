#include <testkit/assert/throws.hpp>

#include <fmt/format.h>

#include <testkit/assert/print.hpp>

namespace testkit::detail {

std::string what_mismatch(std::string_view what, std::string_view text) {
  if (text.data() == nullptr || what.find(text) != std::string_view::npos) return {};
  return "what():   " + print(what) + "\nexpected: a message containing " + print(text);
}

std::string what_mismatch(std::string_view what, const Regex& pattern) {
  const Regex::Search search = pattern.search(what);
  if (search.found) return {};
  std::string out = fmt::format("what():   {}\nexpected: a message matching /{}/", print(what), pattern.pattern());
  if (!search.error.empty()) out += "\nerror:    " + search.error;
  return out;
}

std::string predicate_rejection(const std::type_info& expected, std::string_view predicate_error) {
  std::string out = fmt::format("threw {}\nexpected: an exception of type {} that the predicate accepts",
                                describe_current_exception(), type_name(expected));
  if (!predicate_error.empty()) fmt::format_to(std::back_inserter(out), "\nthe predicate threw {}", predicate_error);
  return out;
}

}  // namespace testkit::detail
