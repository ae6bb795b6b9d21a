#include <testkit/run/module_host.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include <testkit/run/host_channel.hpp>
#include <testkit/run/memory_checks.hpp>
#include <testkit/run/module_fixtures.hpp>

namespace testkit::detail {
namespace {

void report(const HostReport& message) {
  if (!send_host_report(host_socket_fd, message)) ::_exit(126);  // the supervisor is gone
}

// In the class host, until the middle process that forked it has exited: waits to be the supervisor's child (the
// supervisor is a child subreaper), as become_host requires. Exits 125 after a second.
void wait_for_supervisor(pid_t supervisor) {
  for (int tries = 0; ::getppid() != supervisor; ++tries) {
    if (tries == 5000) ::_exit(125);
    ::usleep(200);
  }
}

// Forks the class host `request` asks for, through a middle process that exits at once: its pid, or -1.
pid_t fork_class_host_for(std::span<const TestInfo* const> plan, const ClassHostRequest& request,
                          const HookOutcome& set_up, pid_t supervisor) {
  if (request.plan_index >= plan.size()) ::_exit(126);  // only the supervisor asks, with a test of the plan
  const HostDescriptors& fds = request.fds;
  int pid_pipe[2];
  if (::pipe2(pid_pipe, O_CLOEXEC) != 0) return -1;
  std::fflush(nullptr);  // or the class host would print the module host's buffered text again
  const pid_t middle = ::fork();
  if (middle == 0) {
    const pid_t host = ::fork();
    if (host == 0) {
      ::setpgid(0, 0);  // before the supervisor learns the pid: it kills the group
      wait_for_supervisor(supervisor);
      void* box = ::mmap(nullptr, sizeof(BlackBox), PROT_READ | PROT_WRITE, MAP_SHARED, fds.black_box, 0);
      if (box == MAP_FAILED) ::_exit(126);
      run_class_host(plan, host_class_of(*plan[request.plan_index]),
                     {.socket = fds.socket,
                      .failures_fd = fds.failures,
                      .out_fd = fds.out,
                      .err_fd = fds.err,
                      .black_box = static_cast<BlackBox*>(box),
                      .supervisor = supervisor,
                      .failed_module_set_up = set_up.ok() ? nullptr : &set_up});
    }
    (void)!::write(pid_pipe[1], &host, sizeof host);
    ::_exit(0);
  }
  ::close(pid_pipe[1]);
  pid_t host = -1;
  if (middle < 0 || ::read(pid_pipe[0], &host, sizeof host) != static_cast<ssize_t>(sizeof host)) host = -1;
  ::close(pid_pipe[0]);
  if (middle > 0) ::waitpid(middle, nullptr, 0);
  return host;
}

}  // namespace

void run_module_host(std::span<const TestInfo* const> plan, const HostLaunch& launch) {
  become_host(launch);
  ModuleFixtures module(plan);
  module.set_up();
  take_leak_baseline();  // what the module set-up left unreachable is not a test's leak
  std::fflush(nullptr);
  report({.kind = HostReport::Kind::ready});
  while (const std::optional<ClassHostRequest> request = receive_class_host_request(host_socket_fd)) {
    const pid_t host = fork_class_host_for(plan, *request, module.set_up_outcome(), launch.supervisor);
    for (int fd :
         {request->fds.socket, request->fds.failures, request->fds.out, request->fds.err, request->fds.black_box})
      ::close(fd);
    report({.kind = HostReport::Kind::started, .plan_index = request->plan_index, .pid = host > 0 ? host : 0});
  }
  if (module.tears_down() && !plan.empty()) {
    stream_host_failures();
    TestResult last{.test = plan.back()};
    module.tear_down(last);
  }
  std::fflush(nullptr);
  ::_exit(0);
}

pid_t fork_module_host(std::span<const TestInfo* const> plan, const HostLaunch& launch) {
  std::fflush(nullptr);  // or the host would print the supervisor's buffered text again
  const pid_t pid = ::fork();
  if (pid == 0) run_module_host(plan, launch);
  return pid;
}

}  // namespace testkit::detail
