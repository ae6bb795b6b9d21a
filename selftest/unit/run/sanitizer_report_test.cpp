// Failures made from sanitizer reports (run/sanitizer_report.hpp), from reports as GCC's runtimes print them. The
// stacks are described by a stand-in for describe_test_frames that names each address it is given.
#include <testkit/run/sanitizer_report.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <testkit/testkit.hpp>

namespace {

using testkit::TestInfo;
using testkit::detail::Leak;
using testkit::detail::leak_failure;
using testkit::detail::memory_error_failure;
using testkit::detail::new_leaks;
using testkit::detail::parse_leak_report;
using testkit::detail::summary_failure;

const TestInfo test{.suite = "List", .name = "pops", .where = {"list_test.cpp", 12}};

void* address(std::uintptr_t value) { return reinterpret_cast<void*>(value); }

// "#N f<address> at /course/code.cpp:<address % 100>" for each address: the test's code, as far as the tests go.
std::string describe(std::span<void* const> addresses) {
  std::string out;
  for (std::size_t index = 0; index < addresses.size(); ++index) {
    const auto value = reinterpret_cast<std::uintptr_t>(addresses[index]);
    out += fmt::format("{}#{} f{:x} at /course/code.cpp:{}", index ? "\n" : "", index, value, value % 100);
  }
  return out;
}

std::string describe_nothing(std::span<void* const>) { return {}; }

constexpr const char* leak_report = R"(
=================================================================
==27954==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 16 byte(s) in 1 object(s) allocated from:
    #0 0x7fb24bcb94c8 in operator new(unsigned long) ../../../../src/libsanitizer/asan/asan_new_delete.cpp:95
    #1 0x559406d411f1 in List<int>::push_front(int) /course/list.hpp:40:18
    #2 0x559406d411f1 in ListTest_pops::test_body() /course/list_test.cpp:14
    #3 0x559406d41400 in testkit::detail::run_guarded(testkit::detail::Context&) /src/testkit/core/guard.cpp:30

Indirect leak of 32 byte(s) in 2 object(s) allocated from:
    #0 0x7fb24bcb94c8 in operator new(unsigned long) ../../../../src/libsanitizer/asan/asan_new_delete.cpp:95
    #1 0x559406d41390 in ListTest_pops::test_body() /course/list_test.cpp:13

SUMMARY: AddressSanitizer: 48 byte(s) leaked in 3 allocation(s).
)";

constexpr const char* double_free_report = R"(=================================================================
==27950==ERROR: AddressSanitizer: attempting double-free on 0x602000000010 in thread T0:
    #0 0x7fa31f2ba038 in operator delete[](void*) ../../../../src/libsanitizer/asan/asan_new_delete.cpp:155
    #1 0x5597911822a7 in DynArray<int>::~DynArray() /course/dynarray.hpp:31

0x602000000010 is located 0 bytes inside of 16-byte region [0x602000000010,0x602000000020)
freed by thread T0 here:
    #0 0x7fa31f2ba038 in operator delete[](void*) ../../../../src/libsanitizer/asan/asan_new_delete.cpp:155
    #1 0x559791182293 in DynArray<int>::~DynArray() /course/dynarray.hpp:31

previously allocated by thread T0 here:
    #0 0x559791182271 in DynArray<int>::DynArray() /course/dynarray.hpp:12

SUMMARY: AddressSanitizer: double-free ../../../../src/libsanitizer/asan/asan_new_delete.cpp:155 in operator delete[](void*)
==27950==ABORTING
)";

TK_TEST(LeakReport, lists_each_leak_with_its_size_and_stack) {
  const std::vector<Leak> leaks = parse_leak_report(leak_report);
  TK_ASSERT_EQ(leaks.size(), 2u);
  TK_EXPECT(leaks[0].direct);
  TK_EXPECT_EQ(leaks[0].bytes, 16u);
  TK_EXPECT_EQ(leaks[0].objects, 1u);
  TK_EXPECT_EQ(leaks[0].allocated_at.file, "/course/list.hpp", "not the runtime's operator new");
  TK_EXPECT_EQ(leaks[0].allocated_at.line, 40u, "the column left out");
  TK_EXPECT_EQ(leaks[1].allocated_at.file, "/course/list_test.cpp");
  TK_EXPECT_EQ(leaks[0].frames,
               (std::vector<void*>{address(0x7fb24bcb94c8), address(0x559406d411f1), address(0x559406d41400)}),
               "an inlined call's frame, which has its caller's address, once");
  TK_EXPECT_FALSE(leaks[1].direct);
  TK_EXPECT_EQ(leaks[1].bytes, 32u);
  TK_EXPECT_EQ(leaks[1].objects, 2u);
  TK_EXPECT(parse_leak_report("").empty());
  const std::vector<Leak> cut = parse_leak_report("Direct leak of 8 byte(s) in 1 obj");
  TK_ASSERT_EQ(cut.size(), 1u, "a cut report gives what it has");
  TK_EXPECT_EQ(cut.front().bytes, 8u);
  TK_EXPECT(cut.front().frames.empty());
}

TK_TEST(LeakReport, new_leaks_are_those_an_earlier_check_did_not_have_or_that_grew) {
  const std::vector<Leak> before = parse_leak_report(leak_report);
  TK_EXPECT(new_leaks(before, before).empty());
  std::vector<Leak> after = before;
  after[0].bytes = 48;
  after[0].objects = 3;
  after.push_back({.direct = true, .bytes = 8, .objects = 1, .frames = {address(0x1234)}});
  const std::vector<Leak> added = new_leaks(before, after);
  TK_ASSERT_EQ(added.size(), 2u);
  TK_EXPECT_EQ(added[0].bytes, 32u, "grown by");
  TK_EXPECT_EQ(added[0].objects, 2u);
  TK_EXPECT_EQ(added[1].bytes, 8u);
  TK_EXPECT_EQ(new_leaks({}, before), before);
}

TK_TEST(LeakReport, the_failure_names_the_size_and_where_each_leak_was_allocated) {
  const testkit::Failure failure = leak_failure(test, parse_leak_report(leak_report), describe);
  TK_EXPECT_EQ(failure.headline, "leaked 48 bytes in 3 allocations (LeakSanitizer)");
  TK_EXPECT_EQ(failure.where.file, "/course/list.hpp", "the first frame of the first direct leak in the code");
  TK_EXPECT_EQ(failure.where.line, 40u);
  TK_EXPECT_CONTAINS(failure.details,
                     "direct leak of 16 bytes in 1 object, allocated at:\n"
                     "  #0 f7fb24bcb94c8 at /course/code.cpp:");
  TK_EXPECT_CONTAINS(failure.details, "indirect leak of 32 bytes in 2 objects, allocated at:\n  #0 f7fb24bcb94c8");
  const testkit::Failure blind = leak_failure(test, parse_leak_report(leak_report), describe_nothing);
  TK_EXPECT_EQ(blind.where.file, "/course/list.hpp", "placed by the report's own names");
  TK_EXPECT_CONTAINS(blind.details, "(no frame in the test's code)");
}

TK_TEST(MemoryErrorReport, names_the_error_the_access_and_the_memory_s_history) {
  const testkit::Failure failure = memory_error_failure(test, double_free_report, describe);
  TK_EXPECT_EQ(failure.headline, "AddressSanitizer: attempting double-free on 0x602000000010 in thread T0");
  TK_EXPECT_EQ(failure.stacktrace, "#0 f7fa31f2ba038 at /course/code.cpp:60\n#1 f5597911822a7 at /course/code.cpp:11");
  TK_EXPECT_EQ(failure.where.file, "/course/dynarray.hpp", "the report's first frame in the code under test");
  TK_EXPECT_EQ(failure.where.line, 31u);
  TK_EXPECT_CONTAINS(failure.details, "0x602000000010 is located 0 bytes inside of 16-byte region");
  TK_EXPECT_CONTAINS(failure.details,
                     "freed by thread T0 here:\n  #0 f7fa31f2ba038 at /course/code.cpp:60\n"
                     "  #1 f559791182293");
  TK_EXPECT_CONTAINS(failure.details, "previously allocated by thread T0 here:\n  #0 f559791182271");
  TK_EXPECT_NOT_CONTAINS(failure.details, "SUMMARY");
  TK_EXPECT_NOT_CONTAINS(failure.details, "ABORTING");
}

TK_TEST(MemoryErrorReport, a_report_it_cannot_read_still_fails_at_the_test) {
  const testkit::Failure failure = memory_error_failure(test, "garbage\n#0 nothing", describe);
  TK_EXPECT_EQ(failure.headline, "AddressSanitizer reported an error");
  TK_EXPECT_EQ(failure.where.file, "list_test.cpp");
  TK_EXPECT_EQ(failure.stacktrace, "");
}

TK_TEST(MemoryErrorReport, tells_a_deadly_signal_from_an_error_in_an_access) {
  TK_EXPECT(testkit::detail::is_deadly_signal_report(
      "==1==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000000 (pc 0x5 bp 0x7 sp 0x7 T0)"));
  TK_EXPECT(testkit::detail::is_deadly_signal_report("==1==ERROR: AddressSanitizer: stack-overflow on address 0x7"));
  TK_EXPECT_FALSE(testkit::detail::is_deadly_signal_report(double_free_report));
  TK_EXPECT_FALSE(testkit::detail::is_deadly_signal_report("==1==ERROR: AddressSanitizer: heap-buffer-overflow on"));
  TK_EXPECT_FALSE(testkit::detail::is_deadly_signal_report("no report"));
}

TK_TEST(SummaryFailure, names_the_kind_and_the_place) {
  const testkit::Failure race =
      summary_failure(test, "SUMMARY: ThreadSanitizer: data race /course/counter.cpp:9 in bump()");
  TK_EXPECT_EQ(race.headline, "ThreadSanitizer: data race");
  TK_EXPECT_EQ(race.where.file, "/course/counter.cpp");
  TK_EXPECT_EQ(race.where.line, 9u);
  TK_EXPECT_CONTAINS(race.details, "at /course/counter.cpp:9 in bump()");
  const testkit::Failure placeless = summary_failure(test, "SUMMARY: ThreadSanitizer: thread leak");
  TK_EXPECT_EQ(placeless.headline, "ThreadSanitizer: thread leak");
  TK_EXPECT_EQ(placeless.where.file, "list_test.cpp");
}

}  // namespace
