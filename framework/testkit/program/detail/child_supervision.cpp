// Waiting for a child of run_program, run_main or a death test: its pipes, input, output, timeout and end.
#include <testkit/program/detail/child_process.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <iterator>
#include <system_error>

#include <testkit/core/process_role.hpp>
#include <testkit/core/thread_link.hpp>
#include <testkit/interpose/bypass.hpp>
#include <testkit/interpose/real_functions.hpp>

namespace testkit::detail {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds fallback_timeout{60'000};
// How long the output of a child that ended is still read: a process that left its group (setsid) may hold the pipes.
constexpr milliseconds drain_after_end{1'000};
// How often a child's end is looked for when the kernel cannot signal it (no pidfd).
constexpr milliseconds exit_poll_interval{10};

// The pipe descriptors of every child being run in this process, as fd + 1 (0: a free slot). A fork copies every
// descriptor: a child forked for one test closes the other tests' pipes, or a program of theirs waiting for the end of
// its input would wait for this child too. Lock-free, so that the forked child can read it.
constinit std::array<std::atomic<int>, 256> pipes_of_children{};

void track(int fd) noexcept {
  for (std::atomic<int>& slot : pipes_of_children) {
    int free = 0;
    if (slot.compare_exchange_strong(free, fd + 1)) return;
  }  // all taken: this descriptor is not closed in other tests' children
}

void untrack(int fd) noexcept {
  for (std::atomic<int>& slot : pipes_of_children) {
    int expected = fd + 1;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

// Untracked before it is closed: once closed, its number may be another pipe's.
void close_fd(int& fd) noexcept {
  if (fd >= 0) {
    untrack(fd);
    close_descriptor(fd);
  }
  fd = -1;
}

// SIGPIPE blocked on this thread while it feeds a child that may have closed its stdin; a SIGPIPE the feeding raised is
// taken back before the mask is restored, so that it never reaches the test.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_only, &previous_);
    sigset_t pending;
    ::sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  ~SigpipeBlocked() {
    sigset_t pending;
    ::sigpending(&pending);
    if (!was_pending_ && sigismember(&pending, SIGPIPE) == 1) {
      sigset_t pipe_only;
      sigemptyset(&pipe_only);
      sigaddset(&pipe_only, SIGPIPE);
      const timespec now{0, 0};
      (void)::sigtimedwait(&pipe_only, nullptr, &now);
    }
    ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

 private:
  sigset_t previous_;
  bool was_pending_ = false;
};

// The state of one supervision: what was read, fed, and how the child is doing.
struct Supervision {
  pid_t pid;
  ChildPipes& pipes;
  std::string_view input;
  std::size_t output_limit;
  ProgramResult result{};
  std::size_t fed = 0;
  bool ended = false;   // the child has exited (a zombie, or reaped)
  bool killed = false;  // its group got SIGKILL from here
  Clock::time_point ended_at{};

  void kill_group() {
    ::kill(-pid, SIGKILL);
    killed = true;
  }

  void read_from(int& fd, std::string& sink) {
    char buffer[64 * 1024];
    const ssize_t got = call_real<Function::read>(fd, buffer, sizeof buffer);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (got <= 0) return close_fd(fd);
    std::size_t keep = static_cast<std::size_t>(got);
    if (output_limit != 0) {
      const std::size_t kept = result.out.size() + result.err.size();
      keep = std::min(keep, output_limit > kept ? output_limit - kept : 0);
      if (keep < static_cast<std::size_t>(got) && !result.output_limit_exceeded) {
        result.output_limit_exceeded = true;
        if (!ended) kill_group();
      }
    }
    sink.append(buffer, keep);
  }

  void feed() {
    const std::size_t chunk = std::min<std::size_t>(input.size() - fed, 64 * 1024);
    const ssize_t written = call_real<Function::write>(pipes.in_write, input.data() + fed, chunk);
    if (written > 0) fed += static_cast<std::size_t>(written);
    // EPIPE: the child closed its stdin (or ended) without reading it all, which is its right.
    if ((written < 0 && errno != EINTR && errno != EAGAIN) || fed == input.size()) close_fd(pipes.in_write);
  }

  // The child has exited if waitid says so; it is not reaped yet, so that its process group id cannot be reused
  // before what is left of the group is killed.
  bool has_exited() {
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
  }

  void note_end() {
    ended = true;
    ended_at = Clock::now();
    ::kill(-pid, SIGKILL);  // what it left running in its group
    close_fd(pipes.in_write);
  }
};

}  // namespace

void close_descriptor(int fd) noexcept {
  const BypassPatches bypass;
  (void)::close(fd);
}

ChildPipes::ChildPipes() {
  int fds[3][2];
  for (int i = 0; i < 3; ++i) {
    if (::pipe2(fds[i], O_CLOEXEC) != 0) {
      const int error = errno;
      for (int j = 0; j < i; ++j) {
        close_descriptor(fds[j][0]);
        close_descriptor(fds[j][1]);
      }
      throw std::system_error(error, std::generic_category(), "pipe2");
    }
  }
  for (const auto& pipe : fds) {
    track(pipe[0]);
    track(pipe[1]);
  }
  in_read = fds[0][0];
  in_write = fds[0][1];
  out_read = fds[1][0];
  out_write = fds[1][1];
  err_read = fds[2][0];
  err_write = fds[2][1];
  (void)::fcntl(in_write, F_SETFL, O_NONBLOCK);
}

ChildPipes::~ChildPipes() {
  for (int* fd : {&in_read, &in_write, &out_read, &out_write, &err_read, &err_write}) close_fd(*fd);
}

void ChildPipes::adopt_in_child() const noexcept {
  // dup2 clears close-on-exec on the copies. The originals are closed now, not at exec: a forked child that runs a
  // function never execs, and holding the write end of its own stdin, it would wait for ever for the end of its input.
  // So are the pipes of the other children being run (by other tests on a pool). The raw system call: the interposed
  // close() could run a handler of the test.
  ::dup2(in_read, STDIN_FILENO);
  ::dup2(out_write, STDOUT_FILENO);
  ::dup2(err_write, STDERR_FILENO);
  const int own[] = {in_read, in_write, out_read, out_write, err_read, err_write};
  for (const int fd : own)
    if (fd > STDERR_FILENO) ::syscall(SYS_close, fd);
  for (const std::atomic<int>& slot : pipes_of_children) {
    const int fd = slot.load() - 1;
    if (fd > STDERR_FILENO && std::find(std::begin(own), std::end(own), fd) == std::end(own)) ::syscall(SYS_close, fd);
  }
}

void ChildPipes::close_child_ends() noexcept {
  close_fd(in_read);
  close_fd(out_write);
  close_fd(err_write);
}

milliseconds default_child_timeout() {
  const TestLink* const link = thread_test_link();
  if (link == nullptr || link->test == nullptr) return fallback_timeout;
  const milliseconds test_timeout =
      link->test->meta.timeout.count() > 0 ? link->test->meta.timeout : process_role().default_timeout;
  if (test_timeout.count() <= 0) return fallback_timeout;
  const auto left = std::chrono::duration_cast<milliseconds>(test_timeout - (Clock::now() - link->started));
  // The child ends before the test does, leaving it time to report what happened rather than timing out itself.
  const milliseconds margin = std::clamp(left / 4, milliseconds{100}, milliseconds{5'000});
  return std::max(milliseconds{10}, left - margin);
}

ProgramResult supervise_child(pid_t pid, ChildPipes& pipes, std::string_view input, milliseconds timeout,
                              std::size_t output_limit) {
  const SigpipeBlocked sigpipe_blocked;
  const auto start = Clock::now();
  const auto deadline = start + timeout;
  Supervision child{.pid = pid, .pipes = pipes, .input = input, .output_limit = output_limit};
  if (input.empty()) close_fd(pipes.in_write);
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));  // -1 on kernels before 5.3: poll instead
  while (pipes.out_read >= 0 || pipes.err_read >= 0 || !child.ended) {
    const auto now = Clock::now();
    if (!child.ended && !child.killed && now >= deadline) {
      child.result.timed_out = true;
      child.kill_group();
    }
    if (child.ended && now >= child.ended_at + drain_after_end) break;
    auto wake = child.ended ? child.ended_at + drain_after_end : child.killed ? Clock::time_point::max() : deadline;
    if (!child.ended && pidfd < 0) wake = std::min(wake, now + exit_poll_interval);
    pollfd fds[4] = {{pipes.out_read, POLLIN, 0},
                     {pipes.err_read, POLLIN, 0},
                     {pipes.in_write, POLLOUT, 0},
                     {child.ended ? -1 : pidfd, POLLIN, 0}};
    const int wait_ms = wake == Clock::time_point::max()
                            ? -1
                            : static_cast<int>(std::clamp<long long>(
                                  std::chrono::ceil<milliseconds>(wake - now).count(), 0, 24LL * 3600 * 1000));
    const int ready = call_real<Function::poll>(fds, 4, wait_ms);
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0 && fds[0].revents != 0) child.read_from(pipes.out_read, child.result.out);
    if (ready > 0 && fds[1].revents != 0) child.read_from(pipes.err_read, child.result.err);
    if (ready > 0 && fds[2].revents != 0 && pipes.in_write >= 0) child.feed();
    if (!child.ended && (pidfd < 0 || (ready > 0 && fds[3].revents != 0)) && child.has_exited()) child.note_end();
  }
  close_fd(pidfd);
  close_fd(pipes.in_write);
  if (!child.ended) ::kill(-pid, SIGKILL);  // poll failed: nothing more can be read, and the wait must end
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  child.result.duration = Clock::now() - start;
  child.result.max_rss_kib = usage.ru_maxrss;
  if (WIFEXITED(status)) child.result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) child.result.signal = WTERMSIG(status);
  return std::move(child.result);
}

}  // namespace testkit::detail
