// The mock module end to end: what a run of scenario_mock reports, forked and in-process.
#include <string>
#include <string_view>
#include <vector>

#include <testkit/testkit.hpp>

#include "scenario.hpp"
#include "support/sanitizers.hpp"

namespace {

using namespace testkit::e2e;

void check_report(const std::vector<std::string>& arguments) {
  const auto result = run_scenario(scenario_mock, arguments);
  TK_EXPECT_EQ(result.exit_code, 1, "{}", result.err);
  constexpr bool threads_inherit = testkit::selftest::threads_inherit_the_test;
  TK_EXPECT_EQ(last_line(result.out),
               threads_inherit ? "1 passed, 5 failed, 0 skipped" : "1 passed, 3 failed, 2 skipped", "{}", result.out);
  const std::string io = report_of(result.out, "Mocked.every_io_call_fails_and_an_assertion_fails");
  TK_EXPECT_CONTAINS(io, "TK_EXPECT_EQ(6 * 7, 41");
  TK_EXPECT_CONTAINS(io, "reported although write failed");
  TK_EXPECT_CONTAINS(report_of(result.out, "Mocked.write_fails_and_the_test_passes"), "PASS");
  TK_EXPECT(result.out.find("this line is lost") == std::string::npos);
  const std::string unmet = report_of(result.out, "Mocked.unmet_gmock_expectation");
  TK_EXPECT_CONTAINS(unmet, "GoogleMock: ");
  TK_EXPECT_CONTAINS(unmet, "work(7)");
  const std::string gmock = report_of(result.out, "Mocked.unexpected_gmock_call_in_a_started_thread");
  if (threads_inherit) {
    TK_EXPECT_CONTAINS(gmock, "GoogleMock: Unexpected mock function call");
    TK_EXPECT_CONTAINS(gmock, "work(2)");
  }
  if (threads_inherit) {
    // The assertion ended its thread, not the process: the test went on and failed, it did not crash.
    const std::string fatal = report_of(result.out, "Mocked.fatal_assertion_in_a_started_thread");
    TK_EXPECT_CONTAINS(fatal, "FAIL");
    TK_EXPECT_CONTAINS(fatal, "TK_ASSERT_EQ(2 + 2, 5");
    TK_EXPECT_CONTAINS(fatal, "the test goes on after its thread ended at the assertion");
    TK_EXPECT(fatal.find("CRASH") == std::string::npos, "{}", fatal);
    TK_EXPECT(fatal.find("terminate") == std::string::npos, "{}", fatal);
  }
  const std::string leak = report_of(result.out, "Mocked.leaked_patch");
  TK_EXPECT_CONTAINS(leak, "Patch of unlink made at");
  TK_EXPECT_CONTAINS(leak, "was still active when the test ended");
}

TK_TEST(MockOutput, forked_run_reports_failures_while_write_is_patched) { check_report({}); }

TK_TEST(MockOutput, in_process_run_on_a_pool) { check_report({"--no-fork", "-j", "4"}); }

TK_TEST(MockOutput, in_process_run_on_the_main_thread) { check_report({"--no-fork", "-j", "1"}); }

// The runner reaches GoogleMock through weak references (gmock_bridge.cpp): a binary whose tests use no mock carries
// none of GoogleTest, whose UnitTest a binary that does use one defines in its symbol table.
TK_TEST(MockOutput, googletest_is_linked_only_into_binaries_whose_tests_use_it) {
  constexpr std::string_view defined_by_googletest = "_ZN7testing8UnitTest11GetInstanceEv";
  TK_EXPECT(read_file(scenario_mock).find(defined_by_googletest) != std::string::npos,
            "scenario_mock, whose tests use mocks, does not link GoogleTest");
  TK_EXPECT(read_file(scenario_pass).find(defined_by_googletest) == std::string::npos,
            "scenario_pass, whose tests use no mock, links GoogleTest");
}

}  // namespace
