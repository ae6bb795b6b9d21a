#include <testkit/core/stacktrace.hpp>

#include <string_view>
#include <vector>

#include <boost/stacktrace.hpp>
#include <fmt/format.h>

namespace testkit::detail {
namespace {

// The qualified name of a demangled function, without a template function's leading return type.
std::string_view qualified_name(std::string_view function) {
  // Its parentheses are not a parameter list: without this, every function in an unnamed namespace
  // would get an empty name and be dropped as a library frame.
  constexpr std::string_view anonymous = "(anonymous namespace)";
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < function.size(); ++i) {
    if (function.substr(i).starts_with(anonymous)) {
      i += anonymous.size() - 1;
      continue;
    }
    const char c = function[i];
    if (c == '<' || c == '(') ++depth;
    if (c == '>' || c == ')') --depth;
    if (c == ' ' && depth == 0) start = i + 1;
    if (c == '(' && depth == 1) return function.substr(start, i - start);
  }
  return function.substr(start);
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  for (auto prefix : prefixes)
    if (text.starts_with(prefix)) return true;
  return false;
}

bool is_runner_root(std::string_view name) { return name.starts_with("testkit::detail::run_guarded"); }

// Frames of testkit itself, Boost and the standard library, which say nothing about the test.
bool is_library_frame(std::string_view name, std::string_view file) {
  return name.empty() || starts_with_any(name, {"testkit::", "boost::", "std::", "__", "_start"}) ||
         file.starts_with("/usr/include/");
}

}  // namespace

std::string describe_test_frames(std::span<void* const> addresses) {
  std::string out;
  std::size_t shown = 0;
  for (void* address : addresses) {
    const boost::stacktrace::frame frame(address);
    const std::string function = frame.name();
    const std::string_view name = qualified_name(function);
    if (is_runner_root(name)) break;
    const std::string file = frame.source_file();
    if (is_library_frame(name, file)) continue;
    out += fmt::format("#{} {}", shown, function);
    if (!file.empty()) out += fmt::format(" at {}:{}", file, frame.source_line());
    out += '\n';
    if (++shown == max_trace_frames) break;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

std::string test_code_stacktrace() {
  const boost::stacktrace::stacktrace trace;
  std::vector<void*> addresses;
  addresses.reserve(trace.size());
  for (const auto& frame : trace) addresses.push_back(const_cast<void*>(frame.address()));
  return describe_test_frames(addresses);
}

}  // namespace testkit::detail
