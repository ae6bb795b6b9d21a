// Stack traces: the test's own frames, named with their file and line, and only the debug information of the code a
// trace shows is read (a system library's separate debug information, such as libc6-dbg's, is never loaded).
#include <testkit/core/stacktrace.hpp>

#include <dlfcn.h>

#include <filesystem>
#include <string>

#include <testkit/core/process_role.hpp>
#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

std::string trace_from_code_without_debug_info();  // trace_without_debug_info.cpp

namespace {

int traced_line = 0;  // the line of the call that takes the trace

[[gnu::noinline]] std::string trace_from_a_named_function() {
  traced_line = __LINE__ + 1;
  std::string trace = testkit::detail::test_code_stacktrace();
  asm volatile("");  // not a tail call: this frame stays on the stack
  return trace;
}

TK_TEST(Stacktrace, names_the_test_code_with_its_file_and_line) {
  const std::string trace = trace_from_a_named_function();
  TK_EXPECT_CONTAINS(trace, "#0 (anonymous namespace)::trace_from_a_named_function");
  TK_EXPECT_CONTAINS(trace, fmt::format("selftest/unit/core/stacktrace_test.cpp:{}", traced_line));
  TK_EXPECT_CONTAINS(trace, "Stacktrace_names_the_test_code_with_its_file_and_line_Test::test_body() at ");
}

// Code inlined into the test whose call of trace_from_a_named_function is inside a block of its own (the loop's).
[[gnu::always_inline]] inline std::string trace_from_a_loop_of_inlined_code(int rounds) {
  std::string trace;
  for (int round = 0; round < rounds; ++round) {
    std::string this_round = trace_from_a_named_function();
    trace += this_round;
  }
  return trace;
}

[[gnu::always_inline]] inline std::string trace_from_inlined_code(int rounds) {
  return trace_from_a_loop_of_inlined_code(rounds);
}

// The test's line is the call of the outermost inlined function, found from the scopes of the innermost one.
TK_TEST(Stacktrace, names_the_line_that_called_inlined_code_whose_call_is_in_a_block) {
  const int line = __LINE__ + 1;
  const std::string trace = trace_from_inlined_code(1);
  TK_EXPECT_CONTAINS(trace, "#0 (anonymous namespace)::trace_from_a_named_function");
  TK_EXPECT_CONTAINS(trace, "_Test::test_body() at ");
  TK_EXPECT_CONTAINS(trace, fmt::format("selftest/unit/core/stacktrace_test.cpp:{}", line));
}

[[gnu::cold, gnu::noinline]] std::string trace_from_cold_code() {
  std::string trace = testkit::detail::test_code_stacktrace();
  asm volatile("");  // not a tail call: this frame stays on the stack
  return trace;
}

// GCC moves the call of a cold function into a part of its own (the symbol trace_through_a_cold_branch.cold).
[[gnu::noinline]] std::string trace_through_a_cold_branch(bool rare) {
  std::string trace;
  if (rare) trace = trace_from_cold_code();
  asm volatile("");
  return trace;
}

// The part of a function that GCC split off is named as the function, not as GCC's clone.
TK_TEST(Stacktrace, names_the_cold_part_of_a_function_as_the_function) {
  volatile bool rare = true;  // not a constant, which would make GCC copy the function for it (a .constprop clone)
  const std::string trace = trace_through_a_cold_branch(rare);
  TK_EXPECT_CONTAINS(trace, "#1 (anonymous namespace)::trace_through_a_cold_branch(bool) at ");
  TK_EXPECT_NOT_CONTAINS(trace, "[clone");
}

// A function without debug information is named from the symbol table (read once and sorted, not searched through
// for every frame), without a file and line.
TK_TEST(Stacktrace, names_code_without_debug_information_from_the_symbol_table) {
  const std::string trace = trace_from_code_without_debug_info();
  TK_EXPECT_CONTAINS(trace, "#0 trace_from_code_without_debug_info[abi:cxx11]()\n");
  TK_EXPECT_CONTAINS(trace,
                     "#1 (anonymous namespace)::Stacktrace_names_code_without_debug_information_from_the_"
                     "symbol_table_Test::test_body() at ");
}

// What the first trace of a process opens (seen through the interposer, as libc's open and openat): the program's
// file, and nothing under /usr/lib/debug, where libc6-dbg (which valgrind installs) puts the C library's debug
// information, which took 150 ms and 20 MB to load though a trace shows none of its frames.
TK_TEST(Stacktrace, reads_no_system_librarys_separate_debug_information) {
  if (!std::filesystem::exists("/usr/lib/debug/.build-id"))
    TK_SKIP("no separate debug information installed here (libc6-dbg): nothing to keep out");
  if (testkit::detail::process_role().black_box == nullptr)
    TK_SKIP("run forked: only a fresh process's first trace loads what it reads");
  testkit::Patch opens{testkit::libc::open};
  testkit::Patch openats{testkit::libc::openat};
  const std::string trace = trace_from_a_named_function();
  TK_EXPECT_FALSE(trace.empty());
  TK_EXPECT_GT(opens.call_count() + openats.call_count(), 0u, "the first trace reads the program's file");
  for (const testkit::Patch* patch : {&opens, &openats})
    for (const testkit::Call& call : patch->calls())
      TK_EXPECT(call.text().find("/usr/lib/debug/") == std::string::npos, "opened: {}", call.text());
}

// libdw and the libraries it needs cost every run a third of a millisecond to load: the first trace loads it, and a
// run that fails nothing never does.
TK_TEST(Stacktrace, loads_libdw_with_the_first_trace_only) {
  if (testkit::detail::process_role().black_box == nullptr)
    TK_SKIP("run forked: in a shared process an earlier test's trace may have loaded it");
  const auto loaded = [] { return dlopen("libdw.so.1", RTLD_LAZY | RTLD_NOLOAD) != nullptr; };
  TK_EXPECT_FALSE(loaded(), "libdw was loaded before any trace was described");
  const std::string trace = trace_from_a_named_function();
  TK_EXPECT_CONTAINS(trace, "trace_from_a_named_function");
  TK_EXPECT_TRUE(loaded());
}

// An object without debug information in its file (a program built without -g) has it looked for by build ID in the
// local debug directories, not through debuginfod: its client (libdebuginfod, libcurl, GnuTLS, some 25 libraries)
// made such a program's first failure cost milliseconds, and where DEBUGINFOD_URLS is set it asks a server.
TK_TEST(Stacktrace, looks_for_missing_debug_information_without_debuginfod) {
  if (testkit::detail::process_role().black_box == nullptr)
    TK_SKIP("run forked: in a shared process an earlier test's trace may have loaded it");
  void* const library = dlopen(TK_SELFTEST_NO_DEBUG_INFO_MODULE, RTLD_NOW);
  TK_ASSERT(library != nullptr, "{}", dlerror());
  using Run = void (*)(void (*)(void*), void*);
  const auto run = reinterpret_cast<Run>(dlsym(library, "tk_selftest_run_without_debug_info"));
  TK_ASSERT(run != nullptr, "{}", dlerror());
  std::string trace;
  run([](void* out) { *static_cast<std::string*>(out) = testkit::detail::test_code_stacktrace(); }, &trace);
  TK_EXPECT_CONTAINS(trace, " tk_selftest_run_without_debug_info\n#");  // named, without a file and line
  const bool client_loaded = dlopen("libdebuginfod.so.1", RTLD_LAZY | RTLD_NOLOAD) != nullptr;
  TK_EXPECT_FALSE(client_loaded, "the first trace loaded the debuginfod client");
  if (!client_loaded && dlopen("libdebuginfod.so.1", RTLD_LAZY) == nullptr)
    TK_SKIP("libdebuginfod1 is not installed here: no search could have loaded it");
}

}  // namespace
