// run_tests: the binary's command line as a call that returns, more than once in one process, putting back the process
// role it changed. (selftest/e2e/run_tests_test.cpp runs README's example: a main() that calls it twice.)
#include <testkit/run/session.hpp>

#include <testkit/core/process_role.hpp>
#include <testkit/testkit.hpp>

namespace {

namespace exit_code = testkit::exit_code;

// What the runs below select; they pass in the selftest's own run too.
TK_TEST(RunTestsTarget, passes) {}
TK_TEST(RunTestsTarget, passes_too) { TK_EXPECT_EQ(1 + 1, 2); }

TK_TEST(RunTests, each_call_runs_what_its_options_select_and_returns) {
  const testkit::RunOutcome both =
      testkit::run_tests({"--filter", "RunTestsTarget.*", "--no-fork", "--color", "never"});
  TK_EXPECT_EQ(both.exit_code, exit_code::success);
  TK_EXPECT_EQ(both.tally.passed, 2u);
  TK_EXPECT_EQ(both.run.results.size(), 2u);

  const testkit::RunOutcome one = testkit::run_tests({"--filter", "RunTestsTarget.passes_too", "--no-fork", "-j", "2"});
  TK_EXPECT_EQ(one.exit_code, exit_code::success);
  TK_EXPECT_EQ(one.tally.passed, 1u);
  TK_ASSERT_EQ(one.run.results.size(), 1u);
  TK_EXPECT_EQ(one.run.results[0].test->full_name(), "RunTestsTarget.passes_too");
}

TK_TEST(RunTests, errors_and_empty_selections_come_back_as_exit_codes) {
  TK_EXPECT_EQ(testkit::run_tests({"--filter", "NoSuchSuite.*", "--no-fork"}).exit_code, exit_code::no_tests);
  const testkit::RunOutcome bad = testkit::run_tests({"--no-such-option"});
  TK_EXPECT_EQ(bad.exit_code, exit_code::usage_error);
  TK_EXPECT(bad.run.results.empty());
  TK_EXPECT_EQ(testkit::run_tests({"--list", "--filter", "RunTestsTarget.*"}).exit_code, exit_code::success);
  // --valgrind needs testkit-run, which a test binary's main hands the run to: a call cannot.
  const testkit::RunOutcome valgrind = testkit::run_tests({"--valgrind", "--filter", "RunTestsTarget.*"});
  TK_EXPECT_EQ(valgrind.exit_code, exit_code::usage_error);
  TK_EXPECT(valgrind.run.results.empty());
}

TK_TEST(RunTests, the_process_role_is_put_back) {
  const testkit::detail::ProcessRole before = testkit::detail::process_role();
  (void)testkit::run_tests({"--filter", "RunTestsTarget.passes", "--no-fork", "--keep-tmp", "--deterministic"});
  const testkit::detail::ProcessRole& after = testkit::detail::process_role();
  TK_EXPECT(after.kind == before.kind);
  TK_EXPECT_EQ(after.stacktraces, before.stacktraces);
  TK_EXPECT(after.black_box == before.black_box);
  TK_EXPECT(after.send_failure == before.send_failure);
  TK_EXPECT(after.tmp_root == before.tmp_root);
  TK_EXPECT_EQ(after.keep_tmp, before.keep_tmp);
}

}  // namespace
