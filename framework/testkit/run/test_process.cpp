#include <testkit/run/test_process.hpp>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include <testkit/core/context.hpp>
#include <testkit/core/lifecycle.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/test_case.hpp>
#include <testkit/interpose/framework_io.hpp>
#include <testkit/run/class_fixtures.hpp>
#include <testkit/run/crash_handlers.hpp>
#include <testkit/run/memory_checks.hpp>
#include <testkit/run/module_fixtures.hpp>
#include <testkit/run/stack_recorder.hpp>
#include <testkit/run/wire.hpp>

// Called through the GOT, which the loader fills at start-up: a call through the PLT would be bound on its first call,
// and a host never calls it before it forks, so every test process would look the symbol up in each library again.
#if defined(__GNUC__) && !defined(__clang__)
extern "C" [[noreturn]] void _exit(int status) __attribute__((noplt));
#endif

namespace testkit::detail {
namespace {

// The result channel's number in the test process: the first after stdin, stdout and stderr.
constexpr int channel_fd = 3;

int result_channel = -1;
pid_t test_process = 0;

// Processes the test forks (without exec) inherit this; only the test's own process may report.
void send(const Record& record) {
  if (::getpid() == test_process) (void)write_all(result_channel, encode(record));
}

void stream_failure(const Failure& failure) { send(failure); }

// Keeps stdin, stdout, stderr and the result channel, moved to channel_fd (close-on-exec, as the supervisor made
// it), and closes every other descriptor the process inherited: whatever the supervisor, or a program that called
// run_tests, had open (the write end of the interrupt pipe, other tests' pipes, a sandbox's own channel) is then out
// of the test's reach, without a list of them that could miss one. Returns the channel's descriptor, or -1.
int keep_only_own_descriptors(int result_fd) {
  if (result_fd != channel_fd && ::dup3(result_fd, channel_fd, O_CLOEXEC) < 0) return -1;
  if (result_fd == channel_fd) ::fcntl(channel_fd, F_SETFD, FD_CLOEXEC);
  if (::close_range(channel_fd + 1, ~0U, 0) != 0) {  // kernels before 5.9
    const long open_max = ::sysconf(_SC_OPEN_MAX);
    for (long fd = channel_fd + 1; fd < (open_max > 0 ? open_max : 1 << 20); ++fd) ::close(static_cast<int>(fd));
  }
  return channel_fd;
}

void read_nothing_on_stdin() {
  const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null >= 0) {
    ::dup2(null, STDIN_FILENO);
    ::close(null);
  }
}

// The handlers that record how a test process dies, and the sanitizers' callbacks: a forked process inherits them.
void install_test_process_handlers() {
  install_crash_handlers();
  watch_sanitizer_reports();
  install_stack_recorder();
}

// The empty test of the rehearsal.
class Rehearsal final : public TestCase {
  void test_body() override {}
};

// The END record that closes `result`'s stream.
EndRecord end_of(const TestResult& result) {
  return {.verdict = result.verdict,
          .reason = result.reason,
          .duration = result.duration,
          .omitted_failures = result.omitted_failures,
          .assertions = result.assertions};
}

void flush_output() {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
}

// What a test process does around its test, done once on an empty test in the process it is to be forked from, so
// that the functions on that path are bound (and malloc's caches made) there, not in every test process. Its END record
// goes to /dev/null.
void rehearse_test_process_path() {
  const TestInfo empty{.suite = "testkit", .name = "rehearsal", .make = [] { return std::make_unique<Rehearsal>(); }};
  const TestResult result = run_test(empty);
  result_channel = ::open("/dev/null", O_WRONLY | O_CLOEXEC);  // -1 if it cannot: the write fails, bound all the same
  test_process = ::getpid();
  send(end_of(result));
  test_process = 0;
  if (result_channel >= 0) ::close(result_channel);
  result_channel = -1;
  flush_output();
}

}  // namespace

void reset_signal_actions() {
  for (int signal : {SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGCHLD, SIGHUP}) ::signal(signal, SIG_DFL);
}

void unblock_signals() {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

void prepare_test_processes() {
  reset_signal_actions();
  read_nothing_on_stdin();
  install_test_process_handlers();
  rehearse_test_process_path();
}

void run_in_test_process(const TestInfo& test, int result_fd, BlackBox& box, bool supervisor_symbolizes,
                         const char* tmp_root, const HookOutcome* class_set_up) {
  result_channel = keep_only_own_descriptors(result_fd);
  if (result_channel < 0) ::_exit(126);  // no channel: the test would pass unseen; the supervisor sees an early exit
  // A class host (class_set_up given) prepared the signal actions, handlers and stdin once for all its tests
  // (prepare_test_processes); it blocks only SIGCHLD.
  const bool prepared = class_set_up != nullptr;
  if (!prepared) {
    reset_signal_actions();
    read_nothing_on_stdin();
  }
  unblock_signals();
  test_process = ::getpid();
  ProcessRole role = process_role();  // the run's settings (stack traces, tmp_path's), as the supervisor has them
  role.kind = ProcessKind::test_process;
  role.black_box = &box;
  role.supervisor_symbolizes = supervisor_symbolizes;
  role.send_failure = stream_failure;
  if (tmp_root != nullptr) role.tmp_root = tmp_root;
  assume_process_role(role);
  if (prepared)
    install_stack_recorder();  // which notes this process and its thread in its black box
  else
    install_test_process_handlers();
  forget_inherited_context();

  const MemoryMark memory_before = memory_mark();
  TestResult result;
  if (class_set_up != nullptr) {
    // The host's set_up_class, or the module set-up it was forked from, failed: recorded there, before this process
    // existed, so streamed now, as the supervisor counts only what arrives.
    if (test.meta.skip.empty() && !class_set_up->ok()) {
      result = result_of_failed_set_up(test, *class_set_up);
      for (const Failure& failure : result.failures) send(failure);
    } else {
      result = run_test(test);
    }
  } else {
    // A process for this one test: the module's and the class's hooks run around it, here.
    const TestInfo* const plan[] = {&test};
    ModuleFixtures module(plan);
    module.set_up();
    if (std::optional<TestResult> replaced = module.replacement(test)) {
      result = std::move(*replaced);
    } else {
      ClassFixtures fixtures(plan);
      replaced = fixtures.before(test);
      result = replaced ? std::move(*replaced) : run_test(test);
      fixtures.after(test, result);
    }
    module.tear_down(result);
  }
  const std::size_t before_judging = result.failures.size();
  judge_memory(result, memory_before);  // a leak check, or the verdict of a sanitizer's report
  for (std::size_t index = before_judging; index < result.failures.size(); ++index) send(result.failures[index]);

  send(end_of(result));
  flush_output();
  ::_exit(0);
}

}  // namespace testkit::detail
