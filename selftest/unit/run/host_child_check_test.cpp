// hosted_process_id: testkit-run takes a host worker's pidfd, never its word, for the process it may signal.
#include <testkit/run/detail/host_child_check.hpp>

#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>

#include <testkit/testkit.hpp>

namespace {

using testkit::detail::hosted_process_id;

int pidfd_of(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

// A child that waits until it is killed.
pid_t sleeping_child() {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::pause();
    ::_exit(0);
  }
  return pid;
}

TK_TEST(HostedProcess, a_child_of_the_host_is_its_own) {
  const pid_t child = sleeping_child();
  TK_ASSERT_GT(child, 0);
  const int pidfd = pidfd_of(child);
  TK_ASSERT_GE(pidfd, 0);
  TK_EXPECT(hosted_process_id(pidfd, ::getpid()) == std::optional<pid_t>(child));
  TK_EXPECT(hosted_process_id(pidfd, child) == std::nullopt, "a process does not descend from itself");
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  TK_EXPECT(hosted_process_id(pidfd, ::getpid()) == std::optional<pid_t>(0), "reaped: nothing left to signal");
  ::close(pidfd);
}

TK_TEST(HostedProcess, a_process_outside_the_host_is_refused) {
  const int own = pidfd_of(::getpid());
  const int parent = pidfd_of(::getppid());
  TK_ASSERT_GE(own, 0);
  const pid_t child = sleeping_child();
  TK_EXPECT(hosted_process_id(own, child) == std::nullopt, "a host's parent is none of its own");
  if (parent >= 0) {
    TK_EXPECT(hosted_process_id(parent, child) == std::nullopt);
  }
  TK_EXPECT(hosted_process_id(-1, ::getpid()) == std::nullopt);
  const int not_a_pidfd = ::dup(STDIN_FILENO);
  TK_EXPECT(hosted_process_id(not_a_pidfd, ::getpid()) == std::nullopt, "a descriptor that is no pidfd");
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  for (int fd : {own, parent, not_a_pidfd})
    if (fd >= 0) ::close(fd);
}

}  // namespace
