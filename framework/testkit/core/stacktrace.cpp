#include <testkit/core/stacktrace.hpp>

#include <dlfcn.h>

#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <boost/stacktrace.hpp>
#include <boost/stacktrace/safe_dump_to.hpp>

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

// Frames of the C library and the other system libraries (raise, abort, start_thread, clone...).
bool is_system_library_frame(void* address) {
  Dl_info info;
  if (dladdr(address, &info) == 0 || info.dli_fname == nullptr) return false;
  const std::string_view object = info.dli_fname;
  return object.starts_with("/lib/") || object.starts_with("/usr/lib/") || object.starts_with("/lib64/");
}

bool is_runner_root(std::string_view name) { return name.starts_with("testkit::detail::run_guarded"); }

// Frames of testkit itself, Boost and the standard library, which say nothing about the test.
bool is_library_frame(std::string_view name, std::string_view file) {
  return name.empty() || starts_with_any(name, {"testkit::", "boost::", "std::", "__", "_start"}) ||
         file.starts_with("/usr/include/");
}

}  // namespace

std::string describe_test_frames(std::span<void* const> addresses) {
  std::vector<std::string> lines;
  std::size_t repeats = 0;  // of the last line: deep recursion shows once, with a count
  for (void* address : addresses) {
    // A return address points after its call, which may be past the end of the function when the callee
    // does not return (abort): look up the call instruction itself.
    void* const call = static_cast<char*>(address) - 1;
    if (is_system_library_frame(call)) continue;
    const boost::stacktrace::frame frame(call);
    const std::string function = frame.name();
    const std::string_view name = qualified_name(function);
    if (is_runner_root(name)) break;
    const std::string file = frame.source_file();
    if (is_library_frame(name, file)) continue;
    std::string line = function;
    if (!file.empty()) line += fmt::format(" at {}:{}", file, frame.source_line());
    if (!lines.empty() && lines.back() == line) {
      ++repeats;
      continue;
    }
    if (repeats > 0) lines.back() += fmt::format(" (and {} more times)", repeats);
    repeats = 0;
    lines.push_back(std::move(line));
    if (lines.size() == max_trace_frames) break;
  }
  if (repeats > 0) lines.back() += fmt::format(" (and {} more times)", repeats);
  std::string out;
  for (std::size_t index = 0; index < lines.size(); ++index)
    out += fmt::format("{}#{} {}", index ? "\n" : "", index, lines[index]);
  return out;
}

std::size_t dump_frames(std::uintptr_t* frames, std::size_t capacity) noexcept {
  // safe_dump_to stores a null frame after the last one and counts it: callers must not see it.
  const std::size_t stored = boost::stacktrace::safe_dump_to(frames, capacity * sizeof *frames);
  return stored > 0 ? stored - 1 : 0;
}

void prepare_frame_dumps() noexcept {
  static bool prepared = false;
  if (prepared) return;
  // The unwinder loads its library on first use.
  std::uintptr_t frames[4];
  (void)dump_frames(frames, std::size(frames));
  prepared = true;
}

std::vector<void*> capture_frames() {
  const boost::stacktrace::stacktrace trace;
  std::vector<void*> addresses;
  addresses.reserve(trace.size());
  for (const auto& frame : trace) addresses.push_back(const_cast<void*>(frame.address()));
  return addresses;
}

std::string test_code_stacktrace() { return describe_test_frames(capture_frames()); }

}  // namespace testkit::detail
