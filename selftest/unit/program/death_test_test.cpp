// Death and exit tests: the statement runs in a process of its own, and how that process ended (and its stderr) is
// checked; a failure says what happened instead.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <testkit/program.hpp>

namespace {

using namespace std::chrono_literals;
using testkit::exited;
using testkit::killed_by;

[[noreturn]] void fail_hard(const char* why) {
  std::fprintf(stderr, "fatal: %s\n", why);
  std::abort();
}

[[noreturn]] void quit(int status) {
  std::fputs("bye\n", stderr);
  std::exit(status);
}

int parse_positive(int value) {
  if (value <= 0) fail_hard("not positive");
  return value;
}

testkit::Captured failures_of(const std::function<void()>& code) { return testkit::capture_failures(code); }

TK_TEST(DeathTest, passes_when_the_statement_dies_of_a_signal) {
  TK_EXPECT_DEATH(parse_positive(-1), "not positive");
  TK_EXPECT_DEATH(std::abort());
  TK_EXPECT_DEATH(::raise(SIGSEGV), "");
  TK_ASSERT_DEATH(fail_hard("because"), "^fatal: bec");
}

TK_TEST(ExitTest, passes_when_the_statement_exits_as_told) {
  TK_EXPECT_EXIT(quit(3), exited(3), "bye");
  TK_EXPECT_EXIT(std::_Exit(0), exited(0), "");
  TK_EXPECT_EXIT(std::abort(), killed_by(SIGABRT), "");
  TK_ASSERT_EXIT(::raise(SIGTERM), killed_by(SIGTERM), "");
}

TK_TEST(DeathTest, a_statement_that_returns_fails) {
  const auto captured = failures_of([] { TK_EXPECT_DEATH(parse_positive(5), "not positive", "for {}", 5); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  const testkit::Failure& failure = captured.failures[0];
  TK_EXPECT_EQ(failure.headline, "TK_EXPECT_DEATH(parse_positive(5), \"not positive\")");
  TK_EXPECT_EQ(failure.message, "for 5");
  TK_EXPECT_EQ(failure.details,
               "expected: killed by a signal, with stderr matching /not positive/\n"
               "  actual: the statement returned: its process did not end\n"
               "  stderr: (empty)");
}

TK_TEST(DeathTest, an_exit_is_not_a_death) {
  const auto captured = failures_of([] { TK_EXPECT_DEATH(quit(1), "bye"); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_CONTAINS(captured.failures[0].details, "  actual: exited with status 1\n  stderr: \"bye\\n\"");
}

TK_TEST(DeathTest, stderr_that_does_not_match_fails_and_is_shown) {
  const auto captured = failures_of([] { TK_EXPECT_DEATH(fail_hard("other reason"), "not positive"); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_CONTAINS(captured.failures[0].details,
                     "  actual: killed by signal 6 (SIGABRT), but its stderr does not match\n"
                     "  stderr: \"fatal: other reason\\n\"");
}

TK_TEST(DeathTest, an_invalid_regular_expression_says_so) {
  const auto captured = failures_of([] { TK_EXPECT_DEATH(std::abort(), "(unclosed"); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_CONTAINS(captured.failures[0].details, "its stderr could not be searched: not a valid regular expression");
}

TK_TEST(ExitTest, the_wrong_status_or_signal_fails) {
  const auto captured = failures_of([] {
    TK_EXPECT_EXIT(quit(4), exited(3), "bye");
    TK_EXPECT_EXIT(::raise(SIGSEGV), killed_by(SIGABRT), "");
    TK_EXPECT_EXIT(::raise(SIGSEGV), exited(0), "");
  });
  TK_ASSERT_EQ(captured.failures.size(), 3u);
  TK_EXPECT_CONTAINS(captured.failures[0].details,
                     "expected: exited with status 3, with stderr matching /bye/\n  actual: exited with status 4");
  TK_EXPECT_CONTAINS(captured.failures[1].details,
                     "expected: killed by signal 6 (SIGABRT)\n  actual: killed by signal 11 (SIGSEGV)");
  TK_EXPECT_CONTAINS(captured.failures[2].details, "expected: exited with status 0\n  actual: killed by signal 11");
}

TK_TEST(ExitTest, a_statement_that_throws_fails) {
  const auto captured = failures_of([] { TK_EXPECT_EXIT(throw std::runtime_error("oops"), exited(1), ""); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_CONTAINS(captured.failures[0].details,
                     "actual: the statement threw std::runtime_error: oops: its process did not end");
}

TK_TEST(DeathTest, the_assert_form_ends_the_test) {
  bool went_on = false;
  const auto captured = failures_of([&] {
    TK_ASSERT_DEATH((void)0, "");
    went_on = true;
  });
  TK_EXPECT(captured.aborted);
  TK_EXPECT(!went_on);
}

TK_TEST(DeathTest, a_statement_that_hangs_is_killed_before_the_tests_time_is_up, .timeout = 3s) {
  const auto captured = failures_of([] { TK_EXPECT_DEATH(::pause(), ""); });
  TK_ASSERT_EQ(captured.failures.size(), 1u);
  TK_EXPECT_CONTAINS(captured.failures[0].details, "actual: still running after");
}

TK_TEST(DeathTest, the_dying_process_leaves_the_test_and_its_captures_alone) {
  testkit::OutputCapture output;
  int counter = 0;
  TK_EXPECT_DEATH(
      {
        ++counter;
        std::puts("in the child");
        std::abort();
      },
      "");
  TK_EXPECT_EQ(counter, 0);
  TK_EXPECT_EQ(output.out(), "");
}

}  // namespace
