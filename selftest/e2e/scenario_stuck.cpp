// A crafted test binary for the end-to-end selftests of timeouts (timeout_stacks_test.cpp), run with a short
// --timeout: tests stuck in named functions (spinning, sleeping, one thread waiting for a mutex while the main thread
// reads a silent pipe), the same in a fixture class's host and in its set_up_class, and tests that keep SIGTERM from
// recording their stacks (ignored, blocked, replaced by a handler of their own).
#include <signal.h>
#include <unistd.h>

#include <mutex>
#include <thread>

#include <testkit/testkit.hpp>

namespace stuck {

volatile bool keep_spinning = true;
std::mutex held_by_the_test;

[[gnu::noinline]] void spin_forever() {
  while (keep_spinning) {
  }
}

[[gnu::noinline]] void sleep_for_a_minute() { ::sleep(60); }

[[gnu::noinline]] void wait_for_the_held_mutex() { const std::lock_guard lock(held_by_the_test); }

[[gnu::noinline]] void read_a_silent_pipe() {
  int ends[2];
  if (::pipe(ends) != 0) return;
  char byte = 0;
  (void)::read(ends[0], &byte, 1);
}

void do_nothing(int) {}

}  // namespace stuck

namespace {

TK_TEST(Stuck, spins) { stuck::spin_forever(); }

TK_TEST(Stuck, sleeps) { stuck::sleep_for_a_minute(); }

TK_TEST(Stuck, on_two_threads) {
  const std::lock_guard lock(stuck::held_by_the_test);
  std::thread waiter(stuck::wait_for_the_held_mutex);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the waiter is then blocked on the mutex
  stuck::read_a_silent_pipe();
  waiter.join();
}

TK_TEST(Unrecorded, ignores_sigterm) {
  ::signal(SIGTERM, SIG_IGN);
  stuck::sleep_for_a_minute();
}

TK_TEST(Unrecorded, blocks_sigterm) {
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigprocmask(SIG_BLOCK, &term, nullptr);
  stuck::spin_forever();
}

TK_TEST(Unrecorded, replaces_the_handler) {
  ::signal(SIGTERM, stuck::do_nothing);
  for (;;) stuck::sleep_for_a_minute();
}

class StuckInClass : public testkit::TestCase {
 public:
  static void set_up_class() {}
};

// Each passes a checkpoint first: bodies identical to Stuck's would be folded into one function, named as either.
TK_TEST_F(StuckInClass, spins) {
  TK_CHECKPOINT();
  stuck::spin_forever();
}
TK_TEST_F(StuckInClass, sleeps) {
  TK_CHECKPOINT();
  stuck::sleep_for_a_minute();
}

class StuckInSetUp : public testkit::TestCase {
 public:
  static void set_up_class() { stuck::sleep_for_a_minute(); }
};

TK_TEST_F(StuckInSetUp, first) {}

}  // namespace
