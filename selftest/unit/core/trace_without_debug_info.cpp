// Compiled without debug information (-g0, see this folder's CMakeLists.txt and meson.build): a frame that only the
// symbol table can name, for stacktrace_test.cpp.
#include <string>

#include <testkit/core/stacktrace.hpp>

[[gnu::noinline]] std::string trace_from_code_without_debug_info() {
  std::string trace = testkit::detail::test_code_stacktrace();
  asm volatile("");  // not a tail call: this frame stays on the stack
  return trace;
}
