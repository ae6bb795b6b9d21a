// A crafted test binary for the end-to-end selftests: tests that attack the runner that runs them, as a hostile
// submission would (write to every descriptor they inherited, fill the black box with garbage, forge END records
// after a failure, leave a setsid() daemon, kill(-1), signal the supervisor, fill a closed console pipe, make the
// result cache a FIFO), beside bystanders whose results must survive. attacks_test.cpp runs them, a few at a time,
// and checks the verdicts, the reports, and that nothing the tests started outlives the run. The processes a test
// starts print "pid N" (N as the host's /proc names it, also inside a PID namespace) on stdout, so that the driver
// can look for them afterwards.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <testkit/core/black_box.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/run/wire.hpp>
#include <testkit/testkit.hpp>

#include "pid_file.hpp"

namespace {

using namespace std::chrono_literals;

// Enough for any descriptor a test process could have inherited from the runner.
constexpr int highest_fd = 1024;

/// Writes `bytes` to every descriptor from 3 up: whatever the runner let the test inherit.
void write_to_every_descriptor(const std::string& bytes) {
  for (int fd = 3; fd < highest_fd; ++fd) [[maybe_unused]] const auto written = ::write(fd, bytes.data(), bytes.size());
}

/// Fills the test process's black box with bytes from `seed` (all 0xFF for 0): what a test can do to the memory it
/// shares with its supervisor.
void fill_black_box(unsigned seed) {
  testkit::detail::BlackBox* const box = testkit::detail::process_role().black_box;
  TK_ASSERT(box != nullptr, "run forked: only a test process has a black box");
  auto* const bytes = reinterpret_cast<unsigned char*>(box);
  std::mt19937 random(seed);
  for (std::size_t at = 0; at < sizeof *box; ++at) bytes[at] = seed == 0 ? 0xFF : static_cast<unsigned char>(random());
}

// ---- Bystanders: tests whose results must survive their neighbours' attacks.

TK_TEST(Bystander, finishes) {
  std::printf("pid %ld\n", testkit::e2e::pid_in_proc());
  std::fflush(stdout);
  std::this_thread::sleep_for(1500ms);
  TK_EXPECT_EQ(1 + 1, 2);
}

TK_TEST(Bystander, quick) { TK_EXPECT_EQ(2 * 2, 4); }

// Long enough to outlive a runner killed beside it, if nothing took it along.
TK_TEST(Bystander, sleeps) {
  testkit::e2e::note_pid(::getpid());
  std::this_thread::sleep_for(20s);
}

// ---- Descriptors: a test holds stdin, stdout, stderr and its result channel, nothing else of the runner's.

TK_TEST(Descriptors, only_its_own_are_open) {
  std::vector<int> open;
  for (int fd = 0; fd < highest_fd; ++fd)
    if (::fcntl(fd, F_GETFD) != -1) open.push_back(fd);
  TK_EXPECT_EQ(open, (std::vector<int>{0, 1, 2, 3}));
  TK_EXPECT_EQ(::fcntl(3, F_GETFD), FD_CLOEXEC, "the result channel does not reach programs the test executes");
}

// A byte in the supervisor's interrupt pipe ended the run as if it had been interrupted, with exit code 0.
TK_TEST(Descriptors, writes_a_byte_to_every_descriptor) {
  std::this_thread::sleep_for(300ms);  // the bystander runs by now
  write_to_every_descriptor("\x01");
}

// ---- BlackBox: the shared memory a crash report is read from, overwritten with garbage before the process dies.

TK_TEST(BlackBox, garbage_then_abort) {
  fill_black_box(0);
  std::abort();
}

TK_TEST(BlackBox, random_bytes_then_sigkill) {
  fill_black_box(1);
  ::kill(::getpid(), SIGKILL);
}

// The supervisor symbolizes the box's frames when its signal matches the crash: here 64 random addresses.
TK_TEST(BlackBox, random_frames_of_a_matching_signal) {
  fill_black_box(2);
  testkit::detail::process_role().black_box->fatal_signal = SIGABRT;
  ::signal(SIGABRT, SIG_DFL);
  ::raise(SIGABRT);
}

TK_TEST(BlackBox, random_bytes_then_exit) {
  fill_black_box(3);
  ::_exit(0);
}

TK_TEST(BlackBox, random_bytes_then_timeout, .timeout = std::chrono::milliseconds(300)) {
  fill_black_box(4);
  std::this_thread::sleep_for(30s);
}

// ---- ForgedEnd: a failure is streamed, then END records claiming a better verdict.

std::string end_record(testkit::Verdict verdict) {
  return testkit::detail::encode(testkit::detail::EndRecord{.verdict = verdict});
}

TK_TEST(ForgedEnd, passed_after_a_failure) {
  TK_EXPECT_EQ(1, 2);
  write_to_every_descriptor(end_record(testkit::Verdict::passed));
  std::fflush(nullptr);
  ::_exit(0);
}

TK_TEST(ForgedEnd, skipped_after_a_failure) {
  TK_EXPECT_EQ(1, 2);
  write_to_every_descriptor(end_record(testkit::Verdict::skipped));
  std::fflush(nullptr);
  ::_exit(0);
}

TK_TEST(ForgedEnd, expected_failure_after_a_failure) {
  TK_EXPECT_EQ(1, 2);
  write_to_every_descriptor(end_record(testkit::Verdict::expected_failure));
  std::fflush(nullptr);
  ::_exit(0);
}

// The test then ends as usual: its own END follows the forged one.
TK_TEST(ForgedEnd, passed_then_returns) { write_to_every_descriptor(end_record(testkit::Verdict::passed)); }

// ---- ForgedPass: an END record claiming a pass before any check failed, which the runner cannot tell from a real
// one (the hole testkit-grade's cross-check with a reference solution narrows), beside an honest twin.

TK_TEST(ForgedPass, before_any_check) {
  write_to_every_descriptor(end_record(testkit::Verdict::passed));  // it claims 0 assertions executed
  std::fflush(nullptr);
  ::_exit(0);
  TK_EXPECT_EQ(1, 2);  // never reached
}

TK_TEST(ForgedPass, honest_twin) {
  TK_EXPECT_EQ(1, 1);
  TK_EXPECT(true);
}

// ---- Escapes: processes that would outlive the test, and signals to the runner and to other tests.

// A daemon of its own session, out of the test's process group.
TK_TEST(Escapes, setsid_daemon) {
  int pipe_fds[2];
  TK_ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t child = ::fork();
  TK_ASSERT_GE(child, 0);
  if (child == 0) {
    ::setsid();
    const long pid = testkit::e2e::pid_in_proc();
    [[maybe_unused]] const auto written = ::write(pipe_fds[1], &pid, sizeof pid);
    for (int second = 0; second < 30; ++second) ::sleep(1);
    ::_exit(0);
  }
  long daemon = 0;
  TK_ASSERT_EQ(::read(pipe_fds[0], &daemon, sizeof daemon), static_cast<ssize_t>(sizeof daemon));
  std::printf("pid %ld\n", daemon);
}

// Every process this test may signal, but init and itself. Only run inside a PID namespace (the test is then not
// init's parent's neighbour): elsewhere kill(-1) reaches whatever its user runs, the selftests included.
TK_TEST(Escapes, kill_minus_one) {
  if (::getpid() > 16) TK_SKIP("not in a PID namespace: kill(-1) would reach every process of this user");
  const pid_t child = ::fork();  // something of its own for kill(-1) to reach
  TK_ASSERT_GE(child, 0);
  if (child == 0) {
    ::pause();
    ::_exit(0);
  }
  std::this_thread::sleep_for(300ms);  // the bystander runs by now
  const int killed = ::kill(-1, SIGKILL);
  TK_EXPECT_EQ(killed, 0, "{}", std::strerror(errno));
  int status = 0;
  TK_EXPECT_EQ(::waitpid(child, &status, 0), child);
  TK_EXPECT((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL), "status {}", status);
}

// The user a test runs as, for the driver to compare between tests that run at once.
TK_TEST_P(Escapes, prints_its_user, (std::vector{0, 1})) {
  std::printf("uid %u\n", static_cast<unsigned>(::getuid()));
  std::this_thread::sleep_for(300ms);
}

/// The runner's pid, noted before main in the runner's process; a forked test (whose parent is its class host)
/// inherits it.
const pid_t runner = ::getpid();

/// Skips unless this test runs in a process of its own, forked from the runner.
void require_a_forked_test() {
  if (testkit::detail::process_role().black_box == nullptr) TK_SKIP("its parent is not the runner: run it forked");
}

TK_TEST(Escapes, terminates_the_runner) {
  require_a_forked_test();
  testkit::e2e::note_pid(::getpid());
  std::this_thread::sleep_for(300ms);
  ::kill(runner, SIGTERM);
  std::this_thread::sleep_for(5s);
}

TK_TEST(Escapes, kills_the_runner) {
  require_a_forked_test();
  testkit::e2e::note_pid(::getpid());
  std::this_thread::sleep_for(300ms);
  ::kill(runner, SIGKILL);
  std::this_thread::sleep_for(5s);
}

// ---- SharedSandbox: a class with class hooks, whose tests share its host's PID namespace and user under --sandbox.

class SharedSandbox : public testkit::TestCase {
 public:
  static void set_up_class() {}
};

// Every process of its class's namespace but its init and itself: the class's host and its running tests. Only run in
// a PID namespace, as Escapes.kill_minus_one.
TK_TEST_F(SharedSandbox, kills_its_class) {
  if (::getpid() > 16) TK_SKIP("not in a PID namespace: kill(-1) would reach every process of this user");
  std::this_thread::sleep_for(300ms);  // its neighbour runs by now
  TK_EXPECT_EQ(::kill(-1, SIGKILL), 0, "{}", std::strerror(errno));
  std::this_thread::sleep_for(2s);  // its host is gone, and this process with it
}

TK_TEST_F(SharedSandbox, runs_beside_it) { std::this_thread::sleep_for(1500ms); }

// ---- RunFiles: the runner's own files, which a test of a run without --sandbox can reach.

// Puts a FIFO where the run's result cache is: a runner that opened it to read would wait for a writer for ever.
TK_TEST(RunFiles, result_cache_made_a_fifo) {
  const char* const dir = std::getenv("TESTKIT_CACHE_DIR");
  if (dir == nullptr) TK_SKIP("the driver names the cache's directory in TESTKIT_CACHE_DIR");
  const std::string cache = std::string(dir) + "/scenario_attacks.json";
  ::unlink(cache.c_str());
  TK_ASSERT_EQ(::mkfifo(cache.c_str(), 0600), 0, "{}", std::strerror(errno));
}

// ---- Piped: tests that end one after the other, while the console goes into a pipe whose reader is gone.

TK_TEST_P(Piped, ends_later, (std::vector{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) { std::this_thread::sleep_for(50ms); }

}  // namespace
