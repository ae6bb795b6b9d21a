#pragma once
/// Starting a process from the supervisor itself: a test's without a class host, or a test binary as testkit-run's
/// class host. Under --sandbox each is confined (in a PID namespace of its own where the kernel allows it); through
/// testkit-run it execs the test binary as the worker of its test, or the host worker of its class.

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <string>

#include <testkit/run/detail/supervised_process.hpp>
#include <testkit/run/execution.hpp>
#include <testkit/run/host_channel.hpp>
#include <testkit/run/host_worker.hpp>

namespace testkit::detail {

/// Forks the process of `test.test` (whose timeout and job slot are set) and fills in what the supervisor watches:
/// its pid and pidfd, the reading ends of its result channel, stdout, stderr (and its PID namespace's status pipe),
/// its black box, its private directory under --sandbox, and its start time. The new process puts itself in a
/// process group of its own, dies with the supervisor, and runs the test (or execs the worker) confined as
/// `execution.sandbox` says; a test that cannot be confined exits 125 with a message instead of running unconfined.
/// Throws std::system_error when the system has no process or descriptor left.
void start_lone_test(SupervisedTest& test, const Execution& execution);

/// How testkit-run starts the host worker of one class (host_worker.hpp).
struct HostWorkerStart {
  HostWorkerTests tests;  ///< the class's tests, with their plan indices
  std::size_t slot = 0;   ///< under --sandbox as root, the host and its tests run as sandbox_uid_base + slot
  std::chrono::milliseconds
      cpu_time{};  ///< the CPU limit of each of its processes, derived as a test's timeout's; 0: none
  /// How many of its tests may run at once: the class's user gets --sandbox-processes for each (RLIMIT_NPROC counts
  /// the processes and threads of all of them).
  std::size_t concurrent_tests = 1;
};

/// What start_host_worker made besides the process, for the supervisor to watch and clean up.
struct StartedHost {
  std::string sandbox_dir{};  ///< --sandbox: the class's private directory (made before the fork), else ""
  int status_fd = -1;         ///< in a PID namespace: the reading end of its init's status pipe (pid_namespace.hpp)
};

/// Forks the process that becomes the host worker of `start.tests`, handed `fds` (its stdout and stderr become 1
/// and 2): a process group of its own, death with the supervisor, confined as `execution.sandbox` says (a private
/// directory for the class, in a PID namespace of its own where the kernel allows it: the returned pid is then the
/// namespace's relay, and the host the child of its init). Returns the pid, or -1 with errno set; `started` is filled
/// in either way (the caller removes what it holds). A host that cannot be confined exits 125 with a message.
[[nodiscard]] pid_t start_host_worker(const HostDescriptors& fds, const Execution& execution,
                                      const HostWorkerStart& start, StartedHost& started);

}  // namespace testkit::detail
