// A crafted test binary for the end-to-end selftests: one test per fault of the crash matrix
// (shared/research/reliability.md, section 2), each between passing tests, which must pass whatever their
// neighbour did. crash_matrix_test.cpp runs it and checks each verdict and report. With
// TK_SCENARIO_PID_FILE set, the tests that leave a process behind append its pid to that file, so that the
// driver can check that the runner ended it.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>

#include <testkit/testkit.hpp>

#include "pid_file.hpp"

namespace {

using testkit::e2e::note_pid;

// Volatile, so that the optimizer can neither drop the faults nor see through them. `nowhere` is in the
// unmapped first page but not null, so that UBSan, which checks null pointers, lets the store fault.
volatile bool keep_going = true;
int* volatile nowhere = reinterpret_cast<int*>(64);

// Each frame keeps a buffer alive across the call, so the recursion can become neither a loop nor a tail call.
[[gnu::noinline]] int recurse(int depth) {
  volatile char frame[512];
  frame[0] = static_cast<char>(depth);
  if (!keep_going) return frame[0];
  return recurse(depth + 1) + frame[0];
}

[[gnu::noinline]] void throw_logic_error() { throw std::logic_error("thrown through a noexcept function"); }

[[gnu::noinline]] void calls_a_thrower() noexcept { throw_logic_error(); }

TK_TEST(Calm, first) { TK_EXPECT_EQ(1 + 1, 2); }

TK_TEST(Fault, assertion_failure) {
  const int answer = 41;
  TK_ASSERT_EQ(answer, 42);
}

TK_TEST(Calm, after_assertion_failure) {}

TK_TEST(Fault, segfault) { *nowhere = 1; }

TK_TEST(Calm, after_segfault) {}

TK_TEST(Fault, abort) { std::abort(); }

TK_TEST(Calm, after_abort) {}

TK_TEST(Fault, terminate_in_a_thread) {
  std::thread([] { throw std::runtime_error("escaped from a thread"); }).join();
}

TK_TEST(Calm, after_terminate_in_a_thread) {}

TK_TEST(Fault, terminate_in_noexcept) { calls_a_thrower(); }

TK_TEST(Calm, after_terminate_in_noexcept) {}

TK_TEST(Fault, throw_int) { throw 42; }

TK_TEST(Calm, after_throw_int) {}

TK_TEST(Fault, subtest_failure) {
  for (const int n : {1, 2, 3}) {
    TK_SUBTEST("n={}", n) { TK_EXPECT_NE(n, 2); };
  }
}

TK_TEST(Calm, after_subtest_failure) {}

TK_TEST(Fault, exit_zero) { std::exit(0); }

TK_TEST(Calm, after_exit_zero) {}

TK_TEST(Fault, underscore_exit_three) { ::_exit(3); }

TK_TEST(Calm, after_underscore_exit_three) {}

TK_TEST(Fault, infinite_loop, .timeout = std::chrono::milliseconds(500)) {
  while (keep_going) {  // each turn reads the volatile flag: the loop cannot be removed
  }
}

TK_TEST(Calm, after_infinite_loop) {}

TK_TEST(Fault, deadlock, .timeout = std::chrono::milliseconds(500)) {
  std::mutex mutex;
  std::condition_variable never_notified;
  std::unique_lock lock(mutex);
  never_notified.wait(lock, [] { return false; });
}

TK_TEST(Calm, after_deadlock) {}

TK_TEST(Fault, stack_overflow) { TK_FAIL("recursion ended at depth {}", recurse(0)); }

TK_TEST(Calm, after_stack_overflow) {}

TK_TEST(Fault, bad_alloc_under_a_memory_limit) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  TK_SKIP("sanitizers reserve terabytes of address space: RLIMIT_AS cannot be set");
#endif
  const rlimit limit{.rlim_cur = rlim_t{2} << 30, .rlim_max = RLIM_INFINITY};
  TK_ASSERT_EQ(::setrlimit(RLIMIT_AS, &limit), 0);
  volatile std::size_t size = std::size_t{4} << 30;
  char* memory = new char[size];
  memory[size - 1] = 1;
  TK_FAIL("allocated {} bytes under a 2 GiB address-space limit", size);
  delete[] memory;
}

TK_TEST(Calm, after_bad_alloc_under_a_memory_limit) {}

TK_TEST(Fault, flood_of_output) {
  const std::string mebibyte(std::size_t{1} << 20, 'x');
  for (int n = 0; n < 100; ++n) std::fwrite(mebibyte.data(), 1, mebibyte.size(), stdout);
  std::fflush(stdout);
}

TK_TEST(Calm, after_flood_of_output) {}

TK_TEST(Fault, closes_stdout) {
  ::close(STDOUT_FILENO);
  std::puts("written to a closed stdout");
}

TK_TEST(Calm, after_closes_stdout) {}

TK_TEST(Fault, stops_itself) { ::raise(SIGSTOP); }

TK_TEST(Calm, after_stops_itself) {}

TK_TEST(Fault, grandchild_outlives_the_test) {
  const pid_t grandchild = ::fork();
  TK_ASSERT_GE(grandchild, 0);
  if (grandchild == 0) {
    ::sleep(60);
    ::_exit(0);
  }
  note_pid(grandchild);
}

TK_TEST(Calm, after_grandchild_outlives_the_test) {}

// The copy's failure is the test's (once, not a second result), and the copy ends there, with status 1: it does
// not go on into the rest of the test or the runner.
TK_TEST(Fault, fork_without_exec) {
  const pid_t copy = ::fork();
  TK_ASSERT_GE(copy, 0);
  if (copy == 0) {
    TK_FAIL("the forked copy of the test process reports to the test");
    return;
  }
  int status = 0;
  TK_ASSERT_EQ(::waitpid(copy, &status, 0), copy);
  TK_EXPECT((WIFEXITED(status) && WEXITSTATUS(status) == 1));
}

TK_TEST(Calm, after_fork_without_exec) {}

TK_TEST(Fault, crash_after_checkpoint) {
  TK_CHECKPOINT();  // crash_matrix_test.cpp looks for the line of this checkpoint in the report
  *nowhere = 2;
}

TK_TEST(Calm, last) {}

}  // namespace
