#include <testkit/run/test_process.hpp>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include <testkit/core/context.hpp>
#include <testkit/core/lifecycle.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/interpose/framework_io.hpp>
#include <testkit/run/class_fixtures.hpp>
#include <testkit/run/crash_handlers.hpp>
#include <testkit/run/wire.hpp>

namespace testkit::detail {
namespace {

int result_channel = -1;
pid_t test_process = 0;

// Processes the test forks (without exec) inherit this; only the test's own process may report.
void send(const Record& record) {
  if (::getpid() == test_process) (void)write_all(result_channel, encode(record));
}

void stream_failure(const Failure& failure) { send(failure); }

void reset_process_state(std::span<const int> supervisor_fds) {
  ::setpgid(0, 0);
  for (int signal : {SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGCHLD, SIGHUP}) ::signal(signal, SIG_DFL);
  sigset_t all;
  sigemptyset(&all);
  sigprocmask(SIG_SETMASK, &all, nullptr);
  for (int fd : supervisor_fds) ::close(fd);
  const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null >= 0) {
    ::dup2(null, STDIN_FILENO);
    ::close(null);
  }
}

}  // namespace

void run_in_test_process(const TestInfo& test, int result_fd, BlackBox& box, std::span<const int> supervisor_fds,
                         bool supervisor_symbolizes, const char* tmp_root) {
  reset_process_state(supervisor_fds);
  result_channel = result_fd;
  test_process = ::getpid();
  ProcessRole role = process_role();  // the run's settings (stack traces, tmp_path's), as the supervisor has them
  role.kind = ProcessKind::test_process;
  role.black_box = &box;
  role.supervisor_symbolizes = supervisor_symbolizes;
  role.send_failure = stream_failure;
  if (tmp_root != nullptr) role.tmp_root = tmp_root;
  assume_process_role(role);
  install_crash_handlers();
  forget_inherited_context();

  const TestInfo* const plan[] = {&test};
  ClassFixtures fixtures(plan);
  std::optional<TestResult> replaced = fixtures.before(test);
  TestResult result = replaced ? std::move(*replaced) : run_test(test);
  fixtures.after(test, result);

  send(EndRecord{.verdict = result.verdict,
                 .reason = result.reason,
                 .duration = result.duration,
                 .omitted_failures = result.omitted_failures});
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(0);
}

}  // namespace testkit::detail
