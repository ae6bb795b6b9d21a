// install_stack_recorder in a real process: on SIGTERM each of its threads records its stack in the black box, the
// main thread's marked, and the process then dies of the SIGTERM; its children record nothing.
#include <testkit/run/stack_recorder.hpp>

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <testkit/core/black_box.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/stacktrace.hpp>
#include <testkit/testkit.hpp>

namespace {

using testkit::detail::BlackBox;

/// A black box shared with the processes this test forks, unmapped at the end.
struct SharedBox {
  BlackBox* box = static_cast<BlackBox*>(
      ::mmap(nullptr, sizeof(BlackBox), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  SharedBox() { new (box) BlackBox(); }
  ~SharedBox() { ::munmap(box, sizeof *box); }
};

std::atomic<bool> helper_started{false};

// Each waits in a loop, whose call to pause() is not a tail call: the function keeps its frame.
[[gnu::noinline]] void helper_waits() {
  helper_started = true;
  for (;;) ::pause();
}

[[gnu::noinline, noreturn]] void main_thread_waits() {
  for (;;) ::pause();
}

// In a forked child: records into `box` on SIGTERM, with a second thread, and writes a byte to `ready` once that
// thread runs; never returns.
[[noreturn]] void stopped_process(BlackBox& box, int ready) {
  testkit::detail::ProcessRole role = testkit::detail::process_role();
  role.black_box = &box;
  testkit::detail::assume_process_role(role);
  testkit::detail::install_stack_recorder();
  std::thread helper(helper_waits);
  while (!helper_started) std::this_thread::yield();
  (void)!::write(ready, "r", 1);
  main_thread_waits();
}

TK_TEST(StackRecorder, sigterm_records_every_thread_then_ends_the_process) {
  SharedBox shared;
  int ready[2];
  TK_ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  TK_ASSERT_GE(child, 0);
  if (child == 0) stopped_process(*shared.box, ready[1]);
  ::close(ready[1]);
  char byte = 0;
  TK_ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // both threads are then in pause()
  ::kill(child, SIGTERM);
  int status = 0;
  TK_ASSERT_EQ(::waitpid(child, &status, 0), child);
  ::close(ready[0]);
  TK_EXPECT((WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM), "status {}", status);
  const testkit::detail::BlackBoxReading reading = testkit::detail::read_black_box(*shared.box);
  TK_ASSERT_EQ(reading.thread_stacks.size(), 2u);
  TK_EXPECT(reading.thread_stacks[0].main_thread);
  TK_EXPECT_EQ(reading.thread_stacks[0].tid, child);
  TK_EXPECT_CONTAINS(testkit::detail::describe_test_frames(reading.thread_stacks[0].frames), "main_thread_waits");
  TK_EXPECT_FALSE(reading.thread_stacks[1].main_thread);
  TK_EXPECT_CONTAINS(testkit::detail::describe_test_frames(reading.thread_stacks[1].frames), "helper_waits");
#if !defined(__SANITIZE_THREAD__)  // ThreadSanitizer's own background threads do not answer: they count as unrecorded
  TK_EXPECT_EQ(reading.unrecorded_threads, 0u);
#endif
}

TK_TEST(StackRecorder, a_child_of_the_recording_process_records_nothing) {
  SharedBox shared;
  const pid_t child = ::fork();
  TK_ASSERT_GE(child, 0);
  if (child == 0) {
    testkit::detail::ProcessRole role = testkit::detail::process_role();
    role.black_box = shared.box;
    testkit::detail::assume_process_role(role);
    testkit::detail::install_stack_recorder();
    const pid_t grandchild = ::fork();
    if (grandchild == 0) {
      ::pause();
      ::_exit(0);
    }
    int status = 0;
    ::kill(grandchild, SIGTERM);
    ::waitpid(grandchild, &status, 0);
    ::_exit(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM ? 0 : 1);
  }
  int status = 0;
  TK_ASSERT_EQ(::waitpid(child, &status, 0), child);
  TK_EXPECT((WIFEXITED(status) && WEXITSTATUS(status) == 0), "status {}", status);
  TK_EXPECT(testkit::detail::read_black_box(*shared.box).thread_stacks.empty());
}

}  // namespace
