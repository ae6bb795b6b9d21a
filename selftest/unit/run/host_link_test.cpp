// The supervisor's side of a host: how it sees a host stopped by a signal, and how a host that ran in a PID namespace
// ended (what the namespace's init reported, however early that report was read).
#include <testkit/run/host_link.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <thread>

#include <testkit/testkit.hpp>

namespace {

using namespace std::chrono_literals;
using testkit::detail::HostDescriptors;
using testkit::detail::HostLink;

/// A link to a forked process that runs `body`, then exits 0.
template <typename Body> HostLink link_to(Body body) {
  return HostLink(nullptr, [&](const HostDescriptors&, testkit::detail::BlackBox*) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      body();
      ::_exit(0);
    }
    return pid;
  });
}

/// Waits (up to 10 s) until `done` holds.
template <typename Done> bool eventually(Done done) {
  for (int tries = 0; tries < 1000; ++tries) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

TK_TEST(HostLink, a_host_stopped_by_a_signal_is_seen_stopped) {
  HostLink link = link_to([] { ::raise(SIGSTOP); });
  TK_EXPECT(eventually([&] { return link.stopped(); }), "the stop was never seen");
  TK_EXPECT_FALSE(link.reap(), "a stopped host has not ended");
  ::kill(link.pid(), SIGKILL);
  TK_ASSERT(eventually([&] { return link.reap(); }));
  TK_EXPECT((WIFSIGNALED(link.wait_status()) && WTERMSIG(link.wait_status()) == SIGKILL));
  TK_EXPECT_FALSE(link.stopped(), "an ended host is not stopped");
}

TK_TEST(HostLink, a_host_that_is_not_stopped_is_not_seen_stopped) {
  HostLink link = link_to([] { ::pause(); });
  std::this_thread::sleep_for(50ms);
  TK_EXPECT_FALSE(link.stopped());
  ::kill(link.pid(), SIGKILL);
  TK_ASSERT(eventually([&] { return link.reap(); }));
}

// Under --sandbox the host's pid is its namespace's relay: how the host itself ended comes from the init's status
// pipe, which the stop check may read to its end before the relay is reaped.
TK_TEST(HostLink, the_end_a_namespace_init_reported_counts_even_when_read_before_the_reap) {
  HostLink link = link_to([] {});
  int status[2];
  TK_ASSERT_EQ(::pipe2(status, O_CLOEXEC), 0);
  const std::int32_t ended_by_sigsegv[2] = {2, SIGSEGV};  // kind "ended", the wait status of a SIGSEGV death
  TK_ASSERT_EQ(::write(status[1], ended_by_sigsegv, sizeof ended_by_sigsegv), static_cast<ssize_t>(8));
  ::close(status[1]);
  link.take_status_pipe(status[0]);
  TK_EXPECT_FALSE(link.stopped());  // reads the record
  TK_EXPECT_FALSE(link.stopped());  // and, a tick later, the pipe's end
  TK_ASSERT(eventually([&] { return link.reap(); }));
  TK_EXPECT((WIFSIGNALED(link.wait_status()) && WTERMSIG(link.wait_status()) == SIGSEGV), "wait status {:#x}",
            link.wait_status());
}

TK_TEST(HostLink, a_stop_that_a_namespace_init_reported_is_seen) {
  HostLink link = link_to([] { ::pause(); });
  int status[2];
  TK_ASSERT_EQ(::pipe2(status, O_CLOEXEC), 0);
  link.take_status_pipe(status[0]);
  TK_EXPECT_FALSE(link.stopped(), "nothing reported yet");
  const std::int32_t stopped[2] = {1, 0x137f};  // kind "stopped", the wait status of a SIGSTOP stop
  TK_ASSERT_EQ(::write(status[1], stopped, sizeof stopped), static_cast<ssize_t>(8));
  TK_EXPECT(link.stopped());
  TK_EXPECT_FALSE(link.stopped(), "the stop is seen once");
  ::close(status[1]);
  ::kill(link.pid(), SIGKILL);
  TK_ASSERT(eventually([&] { return link.reap(); }));
}

}  // namespace
