#include <testkit/run/detail/process_start.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>

#include <testkit/run/detail/pid_namespace.hpp>
#include <testkit/run/detail/process_pipes.hpp>
#include <testkit/run/sandbox.hpp>
#include <testkit/run/test_process.hpp>
#include <testkit/run/worker.hpp>

namespace testkit::detail {
namespace {

// What a test's process is handed: its result channel, its black box's memfd (-1: the box is mapped already), and
// the root of its tmp_path() directories (null: the run's).
struct TestLaunch {
  int result_fd = -1;
  int black_box_fd = -1;
  const char* tmp_root = nullptr;
};

// In a new test process: an exit that says why the test cannot run sandboxed (it does not run unconfined).
[[noreturn]] void exit_unsandboxed(const std::string& problem) {
  std::fprintf(stderr, "testkit: cannot sandbox this test: %s\n", problem.c_str());
  std::fflush(stderr);
  ::_exit(125);
}

// In a new test process, after any change of user (which clears the setting): SIGKILL when the supervisor dies, so
// that a runner killed with SIGKILL leaves no test running. `still_there` tells whether the supervisor had not died
// before that was set up; the process exits at once when it had.
template <typename StillThere> void die_with_supervisor(StillThere still_there) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (!still_there()) ::_exit(125);
}

// Whether the reading end of the pipe whose writing end is `fd` is still open (the supervisor holds it).
bool has_reader(int fd) {
  pollfd polled{fd, POLLOUT, 0};
  return ::poll(&polled, 1, 0) >= 0 && (polled.revents & POLLERR) == 0;
}

// In the confined process that is to be the test's: execs the test binary as testkit-run's worker, or runs the test
// in this forked copy of the binary.
[[noreturn]] void become_test(const SupervisedTest& child, const Execution& execution, const TestLaunch& launch) {
  if (!execution.workers.empty()) exec_worker(execution.workers, *child.test, launch.result_fd, launch.black_box_fd);
  run_in_test_process(*child.test, launch.result_fd, *child.box, /*supervisor_symbolizes=*/true, launch.tmp_root);
}

// In the supervisor's new child (a test's or a host worker's): a process group of its own, the default signal state,
// `out_fd` and `err_fd` as its stdout and stderr; then, with a status pipe's writing end in `status_fd`, a PID
// namespace of its own (in a user namespace of its own when the runner is not root: this child stays outside and
// relays how the namespace's init ended); the confinement of `sandbox` when enabled (`dir` its only writable place, the
// CPU limit of `timeout`, the user of `slot`); death with the supervisor. Then runs `become`, which does not return, in
// the process that is to be the test's or the host's: in a PID namespace, a child of the init, which reports how it
// ended on `status_fd` and exits then, ending every process left in the namespace.
template <typename Become>
[[noreturn]] void confine_and_become(const SandboxSettings& sandbox, pid_t supervisor, int out_fd, int err_fd,
                                     int status_fd, const std::string& dir, std::chrono::milliseconds timeout,
                                     std::size_t slot, Become become) {
  ::setpgid(0, 0);  // also done by the supervisor: whichever runs first closes the race
  // The init of a PID namespace must not keep the supervisor's handlers: a namespace's init receives the signals it
  // handles.
  reset_signal_actions();
  unblock_signals();
  if (::dup2(out_fd, STDOUT_FILENO) < 0 || ::dup2(err_fd, STDERR_FILENO) < 0) ::_exit(126);
  const bool own_pid_namespace = status_fd >= 0;
  if (own_pid_namespace) {
    if (const std::string problem = enter_pid_namespace(!sandbox.support.drops_root); !problem.empty())
      exit_unsandboxed(problem);
    die_with_supervisor([&] { return ::getppid() == supervisor; });
    const pid_t init = ::fork();
    if (init < 0) exit_unsandboxed(std::string("fork: ") + std::strerror(errno));
    if (init > 0) relay_pid_namespace(init);
  }
  if (sandbox.enabled)
    if (const std::string problem = enter_sandbox(sandbox, dir, timeout, slot); !problem.empty())
      exit_unsandboxed(problem);
  if (own_pid_namespace) {
    // The init: its parent, the relay, is outside the namespace (getppid() says 0). The supervisor is gone when the
    // status pipe has no reader.
    die_with_supervisor([&] { return has_reader(status_fd); });
    const pid_t confined = ::fork();
    if (confined == 0) {
      become();  // which closes status_fd (close-on-exec, or run_in_test_process)
      ::_exit(127);
    }
    if (confined < 0) exit_unsandboxed(std::string("fork: ") + std::strerror(errno));
    run_namespace_init(confined, status_fd);
  }
  die_with_supervisor([&] { return ::getppid() == supervisor; });
  become();
  ::_exit(127);  // not reached: `become` execs or ends the process
}

// Whether a confined process gets a PID namespace of its own (see pid_namespace.hpp): under --sandbox, where the
// kernel allows it. Whatever it starts ends with the namespace, and kill(-1) stays inside.
bool gets_pid_namespace(const SandboxSettings& sandbox) { return sandbox.enabled && sandbox.support.pid_namespace; }

}  // namespace

void start_lone_test(SupervisedTest& child, const Execution& execution) {
  const SandboxSettings& sandbox = execution.sandbox;
  const bool own_pid_namespace = gets_pid_namespace(sandbox);
  int pipes[stream_count][2];
  for (int stream = 0; stream < stream_count; ++stream) {
    pipes[stream][0] = pipes[stream][1] = -1;
    if (stream == status_stream && !own_pid_namespace) continue;
    if (::pipe2(pipes[stream], O_CLOEXEC) != 0) fail_system("pipe2");
  }
  // A worker (which execs) maps the box from a memfd; a forked test process shares the mapping as it is.
  int box_fd = -1;
  child.box = make_black_box(execution.workers.empty() ? nullptr : &box_fd);
  if (sandbox.enabled) child.sandbox_dir = make_sandbox_dir(sandbox.support, child.slot);

  std::fflush(nullptr);  // or the child would print the supervisor's buffered text again
  const pid_t supervisor = ::getpid();
  child.start = SupervisorClock::now();
  child.pid = ::fork();
  if (child.pid < 0) fail_system("fork");
  if (child.pid == 0) {
    // A sandboxed test may write only in its private directory: its tmp_path() goes there.
    const TestLaunch launch{.result_fd = pipes[result_stream][1],
                            .black_box_fd = box_fd,
                            .tmp_root = sandbox.enabled ? child.sandbox_dir.c_str() : nullptr};
    confine_and_become(sandbox, supervisor, pipes[out_stream][1], pipes[err_stream][1], pipes[status_stream][1],
                       child.sandbox_dir, child.timeout, child.slot, [&] { become_test(child, execution, launch); });
  }
  if (box_fd >= 0) ::close(box_fd);
  ::setpgid(child.pid, child.pid);
  for (int stream = 0; stream < stream_count; ++stream) {
    if (pipes[stream][0] < 0) continue;
    ::close(pipes[stream][1]);
    child.fds[stream] = pipes[stream][0];
    ::fcntl(child.fds[stream], F_SETFL, O_NONBLOCK);
  }
  // glibc 2.36 declares pidfd_open without C linkage for C++, so call it directly. -1 on kernels before
  // 5.3: the tick then notices exits.
  child.pidfd = static_cast<int>(::syscall(SYS_pidfd_open, child.pid, 0));
}

pid_t start_host_worker(const HostDescriptors& fds, const Execution& execution, const HostWorkerStart& start,
                        StartedHost& started) {
  SandboxSettings sandbox = execution.sandbox;
  sandbox.limits.processes *= std::max<std::size_t>(1, start.concurrent_tests);
  int status[2] = {-1, -1};
  if (gets_pid_namespace(sandbox) && ::pipe2(status, O_CLOEXEC) != 0) return -1;
  started.status_fd = status[0];
  try {
    if (sandbox.enabled) started.sandbox_dir = make_sandbox_dir(sandbox.support, start.slot);
  } catch (const std::system_error& error) {
    if (status[1] >= 0) ::close(status[1]);
    errno = error.code().value();
    return -1;
  }
  std::fflush(nullptr);  // or the child would print the supervisor's buffered text again
  const pid_t supervisor = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0)
    confine_and_become(
        sandbox, supervisor, fds.out, fds.err, status[1], started.sandbox_dir, start.cpu_time, start.slot,
        [&] { exec_host_worker(execution.workers, start.tests, fds.socket, fds.failures, fds.black_box); });
  const int fork_error = errno;
  if (status[1] >= 0) ::close(status[1]);
  errno = fork_error;
  return pid;
}

}  // namespace testkit::detail
