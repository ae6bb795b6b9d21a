#include <testkit/core/stacktrace.hpp>

#include <backtrace.h>
#include <dlfcn.h>

#include <cstdint>
#include <mutex>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <boost/core/demangle.hpp>
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

// What the debug information says of one code address.
struct SourceFrame {
  std::string function;  // demangled; empty when unknown
  std::string file;      // empty when unknown
  std::size_t line = 0;
};

// The symbol tables and debug information of the process, loaded by the first lookup and kept for every thread
// (Boost.Stacktrace's frame::name(), source_file() and source_line() keep a libbacktrace state per thread, so each
// thread of a --no-fork pool loaded them again, and each looked an address up once per call). libbacktrace's state is
// not shared between threads unless built for it: one lock serializes the lookups, which cost microseconds once the
// first has loaded the tables.
class Symbolizer {
 public:
  static Symbolizer& instance() {
    static Symbolizer symbolizer;  // never destroyed before a thread that still symbolizes
    return symbolizer;
  }

  // What is known of `address`: the same function name, file and line as Boost.Stacktrace's frame gives (the dynamic
  // symbol's name when there is one, else the symbol table's, else the debug information's), from one look-up in the
  // debug information and one in the symbol table.
  SourceFrame describe(const void* address, const Dl_info* loaded) {
    SourceFrame frame;
    Found found{&frame};
    const bool named = loaded != nullptr && loaded->dli_sname != nullptr;
    if (named) frame.function = boost::core::demangle(loaded->dli_sname);
    found.wants_function = !named;
    const auto pc = reinterpret_cast<std::uintptr_t>(address);
    const std::lock_guard lock(mutex_);
    if (state_ == nullptr) return frame;
    // As Boost.Stacktrace's `pcinfo || syminfo`: the symbol table's name, when it has one, replaces the debug
    // information's (which is unqualified: "test_body" where the symbol says "Suite_name_Test::test_body()").
    if (backtrace_pcinfo(state_, pc, &on_source_line, &on_error, &found) == 0 && found.wants_function)
      backtrace_syminfo(state_, pc, &on_symbol, &on_error, &found);
    if (found.wants_function && !found.raw_function.empty())
      frame.function = boost::core::demangle(found.raw_function.c_str());
    return frame;
  }

 private:
  struct Found {
    SourceFrame* frame;
    bool wants_function = true;
    std::string raw_function{};  // mangled, as the tables give it
  };

  // One call per inlined level, innermost first: the last call names the function the address is in.
  static int on_source_line(void* data, std::uintptr_t, const char* file, int line, const char* function) {
    auto& found = *static_cast<Found*>(data);
    if (file != nullptr) found.frame->file = file;
    if (function != nullptr && found.wants_function) found.raw_function = function;
    found.frame->line = static_cast<std::size_t>(line);
    return 0;
  }
  static void on_symbol(void* data, std::uintptr_t, const char* name, std::uintptr_t, std::uintptr_t) {
    auto& found = *static_cast<Found*>(data);
    if (name != nullptr) found.raw_function = name;
  }
  // A frame the tables do not know keeps what the others said, as with Boost.Stacktrace.
  static void on_error(void*, const char*, int) {}

  // This program's file is found through /proc/self/exe (a null name).
  Symbolizer() : state_(backtrace_create_state(nullptr, /*threaded=*/0, &on_error, nullptr)) {}

  std::mutex mutex_;
  backtrace_state* state_;
};

bool is_system_library(std::string_view object) {
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
  Symbolizer& symbolizer = Symbolizer::instance();
  std::vector<std::string> lines;
  std::size_t repeats = 0;  // of the last line: deep recursion shows once, with a count
  for (void* address : addresses) {
    // A return address points after its call, which may be past the end of the function when the callee
    // does not return (abort): look up the call instruction itself.
    void* const call = static_cast<char*>(address) - 1;
    Dl_info loaded;
    const bool found = dladdr(call, &loaded) != 0;
    // Frames of the C library and the other system libraries (raise, abort, start_thread, clone...).
    if (found && loaded.dli_fname != nullptr && is_system_library(loaded.dli_fname)) continue;
    const SourceFrame frame = symbolizer.describe(call, found ? &loaded : nullptr);
    const std::string_view name = qualified_name(frame.function);
    if (is_runner_root(name)) break;
    if (is_library_frame(name, frame.file)) continue;
    std::string line = frame.function;
    if (!frame.file.empty()) line += fmt::format(" at {}:{}", frame.file, frame.line);
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
