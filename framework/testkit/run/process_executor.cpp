#include <testkit/run/process_executor.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <list>
#include <new>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

#include <testkit/core/process_role.hpp>
#include <testkit/core/stacktrace.hpp>
#include <testkit/core/tmp_path.hpp>
#include <testkit/interpose/real_functions.hpp>
#include <testkit/run/crash_handlers.hpp>
#include <testkit/run/interrupt_guard.hpp>
#include <testkit/run/output_collector.hpp>
#include <testkit/run/process_verdict.hpp>
#include <testkit/run/result_sink.hpp>
#include <testkit/run/test_process.hpp>
#include <testkit/run/wire.hpp>

namespace testkit {
namespace {

using Clock = std::chrono::steady_clock;
using detail::KillReason;

// How often the loop wakes without events: catches stopped children and escaped pipe holders.
constexpr auto tick = std::chrono::milliseconds(100);

enum Stream { result_stream, out_stream, err_stream, stream_count };

[[noreturn]] void fail_system(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

// In a new test process: the sandbox, or an exit that reports why there is none (the test does not run unconfined).
void enter_sandbox_or_exit(const SandboxSettings& sandbox, const std::string& dir, std::chrono::milliseconds timeout) {
  const std::string problem = enter_sandbox(sandbox, dir, timeout);
  if (problem.empty()) return;
  std::fprintf(stderr, "testkit: cannot sandbox this test: %s\n", problem.c_str());
  std::fflush(stderr);
  ::_exit(125);
}

// In a new test process, after any change of user (which clears the setting): SIGKILL when the supervisor dies, so
// that a runner killed with SIGKILL leaves no test running; an exit at once when it is already gone.
void die_with(pid_t supervisor) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != supervisor) ::_exit(125);
}

// One test's process, from fork to verdict.
struct Child {
  std::size_t plan_index = 0;
  const TestInfo* test = nullptr;
  pid_t pid = -1;
  int pidfd = -1;
  int fds[stream_count] = {-1, -1, -1};
  detail::BlackBox* box = nullptr;
  Clock::time_point start{};
  std::chrono::milliseconds timeout{};
  Clock::time_point kill_at = Clock::time_point::max();
  KillReason killed = KillReason::none;
  bool exited = false;
  int wait_status = 0;
  rusage usage{};
  detail::RecordReader reader;
  detail::OutputCollector out, err;
  detail::ProcessOutcome outcome;
  std::string sandbox_dir{};  // --sandbox: the test's private directory, removed when it ends

  ~Child() {
    for (int& fd : fds)
      if (fd >= 0) ::close(fd);
    if (pidfd >= 0) ::close(pidfd);
    if (box != nullptr) ::munmap(box, sizeof *box);
    if (!sandbox_dir.empty()) remove_sandbox_dir(sandbox_dir);
  }
};

class Supervisor {
 public:
  Supervisor(std::span<const TestInfo* const> plan, const Execution& execution, Listener& listener)
      : plan_(plan), execution_(execution), sink_(listener, plan, execution.in_plan_order) {}

  RunResult run() {
    const auto start = Clock::now();
    detail::prepare_crash_handlers();
    detail::resolve_real_functions();  // once here, not in every test process
    // Processes that tests leave behind are re-parented to the supervisor rather than to init, so that it
    // reaps them (see reap_orphans); for this run only, as run_tests may return to a program that runs on.
    int was_subreaper = 0;
    ::prctl(PR_GET_CHILD_SUBREAPER, &was_subreaper);
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    while (true) {
      while (!stopping_ && children_.size() < execution_.jobs && next_ < plan_.size()) spawn(next_++);
      if (children_.empty()) break;
      wait_for_events();
      reap_orphans();
      const auto now = Clock::now();
      for (auto child = children_.begin(); child != children_.end();) {
        update(*child, now);
        if (child->exited) {
          finish(*child, now);
          child = children_.erase(child);
        } else {
          ++child;
        }
      }
    }
    reap_orphans();
    ::prctl(PR_SET_CHILD_SUBREAPER, was_subreaper);
    if (interrupted_) sink_.release_held();  // tests that finished behind an interrupted one are results too
    RunResult run = sink_.take();
    run.duration = Clock::now() - start;
    run.interrupted_by = interrupt_.signal();
    return run;
  }

 private:
  void spawn(std::size_t plan_index) {
    auto& child = children_.emplace_back();
    child.plan_index = plan_index;
    child.test = plan_[plan_index];
    child.timeout = timeout_of(*child.test, execution_);
    int pipes[stream_count][2];
    for (auto& pipe : pipes)
      if (::pipe2(pipe, O_CLOEXEC) != 0) fail_system("pipe2");
    void* memory = ::mmap(nullptr, sizeof(detail::BlackBox), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) fail_system("mmap");
    child.box = new (memory) detail::BlackBox{};
    const SandboxSettings& sandbox = execution_.sandbox;
    if (sandbox.enabled) child.sandbox_dir = make_sandbox_dir(sandbox.support);

    std::fflush(nullptr);  // or the child would print the supervisor's buffered text again
    const pid_t supervisor = ::getpid();
    child.start = Clock::now();
    child.pid = ::fork();
    if (child.pid < 0) fail_system("fork");
    if (child.pid == 0) {
      ::dup2(pipes[out_stream][1], STDOUT_FILENO);
      ::dup2(pipes[err_stream][1], STDERR_FILENO);
      ::close(pipes[out_stream][1]);
      ::close(pipes[err_stream][1]);
      if (sandbox.enabled) enter_sandbox_or_exit(sandbox, child.sandbox_dir, child.timeout);
      die_with(supervisor);
      // A sandboxed test may write only in its private directory: its tmp_path() goes there.
      detail::run_in_test_process(*child.test, pipes[result_stream][1], *child.box,
                                  sandbox.enabled ? child.sandbox_dir.c_str() : nullptr);
    }
    ::setpgid(child.pid, child.pid);  // also done by the child: whichever runs first closes the race
    for (int stream = 0; stream < stream_count; ++stream) {
      ::close(pipes[stream][1]);
      child.fds[stream] = pipes[stream][0];
      ::fcntl(child.fds[stream], F_SETFL, O_NONBLOCK);
    }
    // glibc 2.36 declares pidfd_open without C linkage for C++, so call it directly. -1 on kernels before
    // 5.3: the tick then notices exits.
    child.pidfd = static_cast<int>(::syscall(SYS_pidfd_open, child.pid, 0));
    sink_.started(plan_index);
  }

  void wait_for_events() {
    std::vector<pollfd> polled{{interrupt_.fd(), POLLIN, 0}};
    auto wake = Clock::now() + tick;
    for (const Child& child : children_) {
      for (int fd : child.fds)
        if (fd >= 0) polled.push_back({fd, POLLIN, 0});
      if (child.pidfd >= 0) polled.push_back({child.pidfd, POLLIN, 0});
      wake = std::min(wake, std::min(child.kill_at, deadline_of(child)));
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake - Clock::now());
    if (::poll(polled.data(), polled.size(), static_cast<int>(std::max<long>(0, wait.count()))) < 0 && errno != EINTR)
      fail_system("poll");
    if (polled[0].revents != 0) on_interrupt();
  }

  // Reaps exited processes that are not a running test's (grandchildren re-parented here), leaving the
  // tests' own exits to update(), which reads their status and resource use.
  void reap_orphans() {
    while (true) {
      siginfo_t info{};
      if (::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0) return;
      const bool is_test = std::ranges::any_of(children_, [&](const Child& child) { return child.pid == info.si_pid; });
      if (is_test) return;
      ::waitpid(info.si_pid, nullptr, 0);
    }
  }

  static Clock::time_point deadline_of(const Child& child) {
    return child.timeout.count() > 0 && child.killed == KillReason::none ? child.start + child.timeout
                                                                         : Clock::time_point::max();
  }

  void on_interrupt() {
    interrupt_.drain();
    // Only a caught SIGINT or SIGTERM stops the run: a byte in the pipe without one (no test holds its write end,
    // but a program that called run_tests might) must not end it, and no stopped run may look like a finished one.
    if (interrupt_.signal() == 0 || (stopping_ && interrupted_)) return;
    stopping_ = interrupted_ = true;
    for (Child& child : children_) terminate(child, KillReason::none, Clock::now());
  }

  // SIGTERM to the test's process group now, SIGKILL after the grace period.
  void terminate(Child& child, KillReason reason, Clock::time_point now) {
    if (child.killed == KillReason::none) child.killed = reason;
    ::killpg(child.pid, SIGTERM);
    ::killpg(child.pid, SIGCONT);
    child.kill_at = std::min(child.kill_at, now + execution_.grace);
  }

  void kill_now(Child& child, KillReason reason) {
    if (child.killed == KillReason::none) child.killed = reason;
    ::killpg(child.pid, SIGKILL);
  }

  void update(Child& child, Clock::time_point now) {
    for (int stream = 0; stream < stream_count; ++stream) read_available(child, static_cast<Stream>(stream));
    if (execution_.output_limit > 0 && child.out.total() + child.err.total() > execution_.output_limit)
      kill_now(child, KillReason::output_limit);
    if (now >= deadline_of(child)) terminate(child, KillReason::timeout, now);
    if (now >= child.kill_at) kill_now(child, child.killed);

    int status = 0;
    const pid_t reaped = ::wait4(child.pid, &status, WNOHANG | WUNTRACED, &child.usage);
    if (reaped != child.pid) return;
    if (WIFSTOPPED(status)) {
      kill_now(child, KillReason::stopped);
      return;
    }
    child.exited = true;
    child.wait_status = status;
  }

  void read_available(Child& child, Stream stream) {
    int& fd = child.fds[stream];
    char buffer[64 * 1024];
    while (fd >= 0) {
      const ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        if (got == 0 || errno != EAGAIN) {
          ::close(fd);
          fd = -1;
        }
        return;
      }
      const std::string_view bytes(buffer, static_cast<std::size_t>(got));
      if (stream == out_stream)
        child.out.append(bytes);
      else if (stream == err_stream)
        child.err.append(bytes);
      else
        take_records(child, bytes);
    }
  }

  static void take_records(Child& child, std::string_view bytes) {
    if (!child.outcome.channel_error.empty()) return;
    child.reader.feed(bytes);
    try {
      while (auto record = child.reader.next()) {
        // The test process shares this binary's layout (it is a fork), so its addresses are valid here.
        if (auto* failure = std::get_if<Failure>(&*record); failure != nullptr && !failure->frames.empty())
          failure->stacktrace = detail::describe_test_frames(std::exchange(failure->frames, {}));
        detail::take_record(child.outcome, std::move(*record));
        if (!child.outcome.channel_error.empty()) return;
      }
    } catch (const std::runtime_error& error) {
      child.outcome.channel_error = error.what();
    }
  }

  void finish(Child& child, Clock::time_point now) {
    ::killpg(child.pid, SIGKILL);  // whatever the test started and left behind in its group
    for (int stream = 0; stream < stream_count; ++stream) read_available(child, static_cast<Stream>(stream));
    if (interrupted_) {  // stopped by Ctrl-C / SIGTERM: not a result of the test, but its directory goes all the same
      (void)settle_tmp_path(child, detail::noted_tmp_path(*child.box));
      return;
    }
    detail::ProcessOutcome& outcome = child.outcome;
    // A process that exited with part of a record unsent wrote to its channel itself (or its END was spoilt).
    if (const std::size_t pending = child.reader.pending();
        pending > 0 && outcome.channel_error.empty() && WIFEXITED(child.wait_status))
      outcome.channel_error = "the channel ended inside a record (" + std::to_string(pending) + " bytes of it)";
    outcome.wait_status = child.wait_status;
    outcome.killed = child.killed;
    outcome.timeout = child.timeout;
    outcome.output_limit = execution_.output_limit;
    outcome.output_bytes = child.out.total() + child.err.total();
    outcome.black_box = child.box;
    TestResult result = detail::judge_process(*child.test, std::move(outcome));
    result.duration = now - child.start;
    result.usage = {.user_cpu = std::chrono::seconds(child.usage.ru_utime.tv_sec) +
                                std::chrono::microseconds(child.usage.ru_utime.tv_usec),
                    .system_cpu = std::chrono::seconds(child.usage.ru_stime.tv_sec) +
                                  std::chrono::microseconds(child.usage.ru_stime.tv_usec),
                    .max_rss_kib = child.usage.ru_maxrss};
    result.out = child.out.take();
    result.err = child.err.take();
    result.tmp_path_kept = settle_tmp_path(child, result.tmp_path);
    if (execution_.fail_fast && is_failure(result.verdict)) stopping_ = true;
    sink_.finished(child.plan_index, std::move(result));
  }

  // The test's tmp_path() directory `path` (if it made one), which its process removes at the end of the test: kept
  // with --keep-tmp (under --sandbox with the private directory it lies in), else removed here if a crash, timeout,
  // exit or interruption left it (under --sandbox with the private directory). Returns whether it is kept.
  static bool settle_tmp_path(Child& child, const std::string& path) {
    if (path.empty()) return false;
    if (detail::process_role().keep_tmp) {
      child.sandbox_dir.clear();
      return true;
    }
    return child.sandbox_dir.empty() && !detail::remove_leftover_tmp_path(path);
  }

  std::span<const TestInfo* const> plan_;
  const Execution& execution_;
  detail::ResultSink sink_;
  detail::InterruptGuard interrupt_;
  std::list<Child> children_;
  std::size_t next_ = 0;
  bool stopping_ = false;
  bool interrupted_ = false;
};

}  // namespace

RunResult run_forked(std::span<const TestInfo* const> plan, const Execution& execution, Listener& listener) {
  listener.on(RunStarted{plan});
  Supervisor supervisor(plan, execution, listener);
  RunResult run = supervisor.run();
  listener.on(RunEnded{run});
  return run;
}

}  // namespace testkit
