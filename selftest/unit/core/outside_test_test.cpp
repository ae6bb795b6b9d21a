// An assertion (or subtest) outside any running test prints what failed and aborts the program; a failure a
// mock or fake reports outside a test is printed and the program goes on.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <testkit/core/context.hpp>
#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

namespace {

/// How a forked child ended and what it wrote to stderr.
struct ChildOutcome {
  bool signalled = false;
  int signal = 0;
  int exit_code = -1;
  std::string err{};
};

/// Runs `code` in a forked child, on a fresh thread that leaves the test context it inherits (threads a test
/// starts report into that test), and reports how the child ended. The child exits 0 when `code` returns. This selftest
/// runs tests on one thread, so forking is safe.
ChildOutcome run_in_child(const std::function<void()>& code) {
  int err_pipe[2];
  if (pipe(err_pipe) != 0) return {};
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(err_pipe[1], STDERR_FILENO);
    close(err_pipe[0]);
    close(err_pipe[1]);
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);  // an abort here is expected; don't leave a core file behind
    std::thread([&code] {
      testkit::detail::forget_inherited_context();
      code();
    }).join();
    _exit(0);
  }
  close(err_pipe[1]);
  ChildOutcome outcome;
  char buffer[4096];
  for (ssize_t n; (n = read(err_pipe[0], buffer, sizeof buffer)) != 0;) {
    if (n > 0)
      outcome.err.append(buffer, static_cast<std::size_t>(n));
    else if (errno != EINTR)
      break;
  }
  close(err_pipe[0]);
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return outcome;
  outcome.signalled = WIFSIGNALED(status);
  if (outcome.signalled) outcome.signal = WTERMSIG(status);
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  return outcome;
}

TK_TEST(OutsideTest, failed_expectation_aborts_with_a_message) {
  const ChildOutcome child = run_in_child([] { TK_EXPECT_EQ(1 + 1, 3, "math is {}", "broken"); });
  TK_EXPECT(child.signalled);
  TK_EXPECT_EQ(child.signal, SIGABRT);
  TK_EXPECT_CONTAINS(child.err, "TK_EXPECT_EQ(1 + 1, 3) failed outside of a running test");
  TK_EXPECT_CONTAINS(child.err, "outside_test_test.cpp:");
  TK_EXPECT_CONTAINS(child.err, "math is broken");
}

TK_TEST(OutsideTest, subtest_outside_a_test_aborts_with_a_message) {
  const ChildOutcome child = run_in_child([] { testkit::subtest("lonely", [] {}); });
  TK_EXPECT(child.signalled);
  TK_EXPECT_EQ(child.signal, SIGABRT);
  TK_EXPECT_CONTAINS(child.err, "outside of a running test");
  TK_EXPECT_CONTAINS(child.err, "lonely");
}

TK_TEST(OutsideTest, passing_assertion_outside_a_test_is_harmless) {
  const ChildOutcome child = run_in_child([] { TK_ASSERT_EQ(2, 2); });
  TK_EXPECT_FALSE(child.signalled);
  TK_EXPECT_EQ(child.exit_code, 0);
  TK_EXPECT_EQ(child.err, "");
}

TK_TEST(OutsideTest, googlemock_failure_outside_a_test_is_printed_and_the_program_goes_on) {
  const ChildOutcome child = run_in_child([] {
    const testkit::GmockFailureForwarder forwarder;
    ADD_FAILURE() << "no test to blame";
  });
  TK_EXPECT_FALSE(child.signalled);
  TK_EXPECT_EQ(child.exit_code, 0);
  TK_EXPECT_CONTAINS(child.err, "GoogleMock: Failed (outside a running test)");
  TK_EXPECT_CONTAINS(child.err, "no test to blame");
  TK_EXPECT_CONTAINS(child.err, "outside_test_test.cpp:");
}

TK_TEST(OutsideTest, fake_network_blocking_a_real_connect_outside_a_test_prints_why) {
  const ChildOutcome child = run_in_child([] {
    const testkit::FakeNetwork network;
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(80);
    inet_pton(AF_INET, "192.0.2.1", &address.sin_addr);  // TEST-NET-1: never routed
    const bool blocked =
        connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 && errno == ENETUNREACH;
    close(fd);
    if (!blocked) _exit(3);
  });
  TK_EXPECT_FALSE(child.signalled);
  TK_EXPECT_EQ(child.exit_code, 0);
  TK_EXPECT_CONTAINS(child.err, "the test tried to reach the real network");
  TK_EXPECT_CONTAINS(child.err, "(outside a running test)");
  TK_EXPECT_CONTAINS(child.err, "route()");
}

}  // namespace
