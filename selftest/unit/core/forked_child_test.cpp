// What a process the test forks (without exec) records counts for the test: its failed assertions, whichever
// thread of the test forked it, once each; a child that runs off the end of the test's code is stopped there.
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include <testkit/testkit.hpp>

#include "support/sanitizers.hpp"

#include "support/inner_test.hpp"

namespace {

using testkit::Verdict;
using testkit::selftest::run_inner;

/// Forks; the child runs `child` and exits 0 (unless `child` leaves first); the parent waits for it and returns
/// its wait status.
template <class Child> int fork_and_wait(Child child) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    child();
    ::_exit(0);
  }
  int status = -1;
  ::waitpid(pid, &status, 0);
  return status;
}

std::vector<std::string> headlines(const testkit::TestResult& result) {
  std::vector<std::string> out;
  for (const testkit::Failure& failure : result.failures) out.push_back(failure.headline);
  return out;
}

[[gnu::noinline]] void fails_in_the_child() { TK_EXPECT_EQ(1 + 1, 3); }

TK_TEST(ForkedChild, a_failed_expectation_in_a_child_fails_the_test) {
  const auto result = run_inner([] { (void)fork_and_wait(fails_in_the_child); });
  TK_EXPECT(result.verdict == Verdict::failed);
  TK_EXPECT_EQ(headlines(result), std::vector<std::string>{"TK_EXPECT_EQ(1 + 1, 3)"});
  TK_ASSERT_EQ(result.failures.size(), 1u);
  const testkit::Failure& failure = result.failures[0];
  TK_EXPECT_CONTAINS(failure.details, "left:  2");
  // The child sends raw frames; the test's process symbolizes them, unless it is itself a forked test process
  // (this selftest's own), which passes them on to its supervisor.
  if (failure.frames.empty()) TK_EXPECT_CONTAINS(failure.stacktrace, "fails_in_the_child");
}

TK_TEST(ForkedChild, a_child_that_passes_adds_nothing_and_the_tests_own_failures_stay_single) {
  const auto result = run_inner([] {
    TK_EXPECT(1 == 2, "before the fork");
    const int status = fork_and_wait([] { TK_EXPECT(1 == 1); });
    TK_EXPECT((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  });
  TK_EXPECT_EQ(headlines(result), std::vector<std::string>{"TK_EXPECT(1 == 2)"});
}

TK_TEST(ForkedChild, a_fatal_assertion_ends_only_the_child) {
  int status = -1;
  const auto result = run_inner([&] {
    status = fork_and_wait([] { TK_ASSERT_EQ(2, 3); });
    TK_EXPECT(true, "the parent goes on");
  });
  TK_EXPECT((WIFEXITED(status) && WEXITSTATUS(status) == 1), "status {}", status);
  TK_EXPECT_EQ(headlines(result), std::vector<std::string>{"TK_ASSERT_EQ(2, 3)"});
}

TK_TEST(ForkedChild, a_child_that_returns_from_the_body_is_stopped_and_reported) {
  int status = -1;
  const auto result = run_inner([&] {
    const pid_t pid = ::fork();
    if (pid == 0) return;  // the child's code forgot _exit()
    ::waitpid(pid, &status, 0);
  });
  TK_EXPECT((WIFEXITED(status) && WEXITSTATUS(status) == 0), "status {}", status);
  TK_EXPECT_EQ(headlines(result), std::vector<std::string>{"a process the test forked returned from the test's test"});
  TK_EXPECT(result.verdict == Verdict::failed);
}

TK_TEST(ForkedChild, a_child_of_a_thread_the_test_started_reports_to_the_test) {
  testkit::selftest::skip_unless_threads_inherit_the_test();
  const auto result = run_inner([] { std::thread([] { (void)fork_and_wait([] { TK_EXPECT_EQ(4, 5); }); }).join(); });
  TK_EXPECT_EQ(headlines(result), std::vector<std::string>{"TK_EXPECT_EQ(4, 5)"});
}

TK_TEST(ForkedChild, every_child_counts) {
  const auto result = run_inner([] {
    std::vector<pid_t> children;
    for (int i = 0; i < 12; ++i) {
      const pid_t pid = ::fork();
      if (pid == 0) {
        TK_EXPECT_EQ(i, -1);
        ::_exit(0);
      }
      children.push_back(pid);
    }
    for (const pid_t pid : children) ::waitpid(pid, nullptr, 0);
  });
  TK_EXPECT_EQ(result.failures.size(), 12u);
}

TK_TEST(ForkedChild, a_grandchild_reports_too) {
  const auto result = run_inner([] { (void)fork_and_wait([] { (void)fork_and_wait([] { TK_FAIL("deep"); }); }); });
  TK_EXPECT_EQ(headlines(result), std::vector<std::string>{"TK_FAIL"});
}

TK_TEST(ForkedChild, a_child_that_execs_does_not_inherit_the_log) {
  const auto result = run_inner([] {
    const int status = fork_and_wait(
        [] { ::execl("/bin/sh", "sh", "-c", "! ls -l /proc/self/fd/ | grep -q testkit-test-children", nullptr); });
    TK_EXPECT((WIFEXITED(status) && WEXITSTATUS(status) == 0), "status {}", status);
  });
  TK_EXPECT(result.verdict == Verdict::passed, "{}", testkit::print(headlines(result)));
}

}  // namespace
