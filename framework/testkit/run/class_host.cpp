#include <testkit/run/class_host.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <deque>
#include <map>

#include <testkit/core/context.hpp>
#include <testkit/core/lifecycle.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/test_case.hpp>
#include <testkit/interpose/framework_io.hpp>
#include <testkit/run/crash_handlers.hpp>
#include <testkit/run/host_channel.hpp>
#include <testkit/run/memory_checks.hpp>
#include <testkit/run/stack_recorder.hpp>
#include <testkit/run/test_process.hpp>
#include <testkit/run/wire.hpp>

namespace testkit::detail {
namespace {

constexpr int socket_fd = host_socket_fd;
constexpr int failures_fd = host_failures_fd;

pid_t host_process = 0;

// Processes that code of the class forks (without exec) inherit this; only the host itself may report.
void stream_failure(const Failure& failure) {
  if (::getpid() == host_process) (void)write_all(failures_fd, encode(failure));
}

// Moves the launch's descriptors to their fixed numbers and closes every other one the host inherited (other
// hosts' and tests' pipes, the interrupt pipe): the host, and the tests it forks, hold nothing of the supervisor's.
void keep_only_own_descriptors(const HostLaunch& launch) {
  // Through numbers above every fixed one, so that no move overwrites a descriptor still to be moved.
  const int moved[] = {::fcntl(launch.out_fd, F_DUPFD_CLOEXEC, 10), ::fcntl(launch.err_fd, F_DUPFD_CLOEXEC, 10),
                       ::fcntl(launch.socket, F_DUPFD_CLOEXEC, 10), ::fcntl(launch.failures_fd, F_DUPFD_CLOEXEC, 10)};
  const int targets[] = {STDOUT_FILENO, STDERR_FILENO, socket_fd, failures_fd};
  for (int i = 0; i < 4; ++i)
    if (moved[i] < 0 || ::dup3(moved[i], targets[i], targets[i] > STDERR_FILENO ? O_CLOEXEC : 0) < 0) ::_exit(126);
  const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null < 0 || ::dup2(null, STDIN_FILENO) < 0) ::_exit(126);
  if (::close_range(failures_fd + 1, ~0U, 0) != 0) {  // kernels before 5.9
    const long open_max = ::sysconf(_SC_OPEN_MAX);
    for (long fd = failures_fd + 1; fd < (open_max > 0 ? open_max : 1 << 20); ++fd) ::close(static_cast<int>(fd));
  }
}

// A signalfd that becomes readable when a child of the host changes state; SIGCHLD stays blocked (a test process
// unblocks every signal before its test runs).
int watch_children() {
  sigset_t child;
  sigemptyset(&child);
  sigaddset(&child, SIGCHLD);
  sigprocmask(SIG_SETMASK, &child, nullptr);
  const int fd = ::signalfd(-1, &child, SFD_CLOEXEC | SFD_NONBLOCK);
  if (fd < 0) ::_exit(126);
  return fd;
}

std::int64_t microseconds(const timeval& time) { return std::int64_t{time.tv_sec} * 1'000'000 + time.tv_usec; }

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class Host {
 public:
  Host(std::span<const TestInfo* const> plan, const FixtureClass* fixture, const HostLaunch& launch)
      : plan_(plan), fixture_(fixture), module_(launch.module), started_by_testkit_run_(launch.started_by_testkit_run) {
    if (launch.failed_module_set_up != nullptr) set_up_ = *launch.failed_module_set_up;
  }

  [[noreturn]] void run() {
    const TestInfo* first = nullptr;
    for (const TestInfo* test : plan_)
      if (test != nullptr && host_class_of(*test) == fixture_ && test->meta.skip.empty() && first == nullptr)
        first = test;
    const bool sets_up = fixture_ != nullptr && first != nullptr && set_up_.ok();
    if (sets_up) set_up_ = run_class_hook(*fixture_, ClassHook::set_up_class, *first);
    prepare_test_processes();  // after set_up_class, which may have changed what it sets
    take_leak_baseline();      // what set_up_class left unreachable is not a test's leak
    std::fflush(nullptr);
    report({.kind = HostReport::Kind::ready});
    const int children = watch_children();

    bool open = true;
    while (open || !running_.empty()) {
      pollfd polled[] = {{open ? socket_fd : -1, POLLIN, 0}, {children, POLLIN, 0}};
      if (::poll(polled, 2, -1) < 0 && errno != EINTR) ::_exit(126);
      if (polled[1].revents != 0) reap(children);
      if (polled[0].revents != 0) {
        if (const std::optional<HostCommand> command = receive_host_command(socket_fd)) {
          if (command->start_after_ends > ends_reported_)
            handed_ahead_.push_back(*command);
          else
            start(*command);
        } else {
          open = false;
        }
      }
    }
    const TestInfo* last = first;
    for (const TestInfo* test : plan_)
      if (test != nullptr && host_class_of(*test) == fixture_) last = test;
    stream_host_failures();
    if (sets_up && set_up_.ok()) (void)run_class_hook(*fixture_, ClassHook::tear_down_class, *last);
    if (module_ != nullptr && module_->tears_down() && last != nullptr) {
      TestResult result{.test = last};
      module_->tear_down(result);
    }
    std::fflush(nullptr);
    ::_exit(0);
  }

 private:
  void report(const HostReport& message, int pidfd = -1) const {
    if (!send_host_report(socket_fd, message, pidfd)) ::_exit(126);  // the supervisor is gone
  }

  // Forks the test process of `command`, from the state set_up_class left.
  void start(const HostCommand& command) {
    const auto& fds = command.fds;
    if (command.plan_index >= plan_.size()) ::_exit(126);
    const TestInfo* const test = plan_[command.plan_index];
    if (test != nullptr && host_class_of(*test) != fixture_) ::_exit(126);
    std::fflush(nullptr);  // or the test would print the host's buffered text again
    const pid_t host = host_process;
    const std::int64_t forked_at = now_ns();
    const pid_t pid = ::fork();
    if (pid < 0) ::_exit(126);  // the supervisor reports the tests this host was to run as lost
    if (pid == 0) {
      ::setpgid(0, 0);  // also done by the host: whichever runs first closes the race
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != host) ::_exit(125);
      if (::dup2(fds.out, STDOUT_FILENO) < 0 || ::dup2(fds.err, STDERR_FILENO) < 0) ::_exit(126);
      void* memory = ::mmap(nullptr, sizeof(BlackBox), PROT_READ | PROT_WRITE, MAP_SHARED, fds.black_box, 0);
      if (memory == MAP_FAILED) ::_exit(126);
      if (test == nullptr) {  // testkit-run's listing names a test this binary does not hold (in this class)
        std::fprintf(stderr, "testkit: this test binary has no such test in this class\n");
        std::fflush(stderr);
        ::_exit(2);
      }
      run_in_test_process(*test, fds.result, *static_cast<BlackBox*>(memory),
                          /*supervisor_symbolizes=*/!started_by_testkit_run_, nullptr, &set_up_);
    }
    ::setpgid(pid, pid);
    for (int fd : {fds.result, fds.out, fds.err, fds.black_box}) ::close(fd);
    running_[pid] = command.plan_index;
    // glibc 2.36 declares pidfd_open without C linkage for C++, so call it directly.
    const int pidfd = started_by_testkit_run_ ? static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)) : -1;
    if (started_by_testkit_run_ && pidfd < 0) ::_exit(126);  // testkit-run cannot check the process without it
    report({.kind = HostReport::Kind::started, .plan_index = command.plan_index, .pid = pid, .at_ns = forked_at},
           pidfd);
    if (pidfd >= 0) ::close(pidfd);
  }

  // Reports every test process that stopped or ended, and starts the tests handed ahead that wait for no more ends.
  // Other children (started by set_up_class) are left to the class's own code.
  void reap(int children) {
    // SIGCHLD does not queue: one read takes what is pending, and every child that changed is waited for below.
    signalfd_siginfo info;
    (void)::read(children, &info, sizeof info);
    for (auto test = running_.begin(); test != running_.end();) {
      const pid_t pid = test->first;
      int status = 0;
      rusage usage{};
      if (::wait4(pid, &status, WNOHANG | WUNTRACED, &usage) != pid) {
        ++test;
        continue;
      }
      if (WIFSTOPPED(status)) {
        report({.kind = HostReport::Kind::stopped, .plan_index = test->second, .pid = pid});
        ++test;
        continue;
      }
      report({.kind = HostReport::Kind::ended,
              .plan_index = test->second,
              .pid = pid,
              .wait_status = status,
              .user_us = microseconds(usage.ru_utime),
              .system_us = microseconds(usage.ru_stime),
              .max_rss_kib = usage.ru_maxrss,
              .at_ns = now_ns()});
      test = running_.erase(test);
      ++ends_reported_;
    }
    while (!handed_ahead_.empty() && handed_ahead_.front().start_after_ends <= ends_reported_) {
      start(handed_ahead_.front());
      handed_ahead_.pop_front();
    }
  }

  std::span<const TestInfo* const> plan_;
  const FixtureClass* fixture_;
  ModuleFixtures* module_;
  bool started_by_testkit_run_;
  HookOutcome set_up_{};
  std::map<pid_t, std::size_t> running_;  // test processes by pid, with their plan index
  std::deque<HostCommand> handed_ahead_;  // tests to start after more ends, in the order they came
  std::uint64_t ends_reported_ = 0;       // ended reports sent
};

}  // namespace

const FixtureClass* host_class_of(const TestInfo& test) {
  const FixtureClass* const fixture = test.fixture;
  if (fixture == nullptr) return nullptr;
  const bool has_hooks =
      fixture->set_up_class != &TestCase::set_up_class || fixture->tear_down_class != &TestCase::tear_down_class;
  return has_hooks ? fixture : nullptr;
}

void become_host(const HostLaunch& launch) {
  ::setpgid(0, 0);  // also done by the supervisor
  keep_only_own_descriptors(launch);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != launch.supervisor) ::_exit(125);
  host_process = ::getpid();
  reset_signal_actions();  // set_up_class runs as a test would
  unblock_signals();
  ProcessRole role = process_role();
  role.kind = ProcessKind::test_process;
  role.black_box = launch.black_box;
  role.supervisor_symbolizes = !launch.started_by_testkit_run;
  role.send_failure = nullptr;  // set-up's failures reach each test through its own process
  assume_process_role(role);
  install_crash_handlers();
  watch_sanitizer_reports();
  install_stack_recorder();
  forget_inherited_context();
}

void stream_host_failures() {
  ProcessRole role = process_role();
  role.send_failure = stream_failure;
  assume_process_role(role);
}

void run_class_host(std::span<const TestInfo* const> plan, const FixtureClass* fixture, const HostLaunch& launch) {
  become_host(launch);
  HostLaunch set_up = launch;
  if (launch.module != nullptr) {
    launch.module->set_up();
    if (!launch.module->set_up_outcome().ok()) set_up.failed_module_set_up = &launch.module->set_up_outcome();
  }
  Host(plan, fixture, set_up).run();
}

pid_t fork_class_host(std::span<const TestInfo* const> plan, const FixtureClass* fixture, const HostLaunch& launch) {
  std::fflush(nullptr);  // or the host would print the supervisor's buffered text again
  const pid_t pid = ::fork();
  if (pid == 0) run_class_host(plan, fixture, launch);
  return pid;
}

}  // namespace testkit::detail
