// A crafted test binary for the end-to-end selftests: quick tests around tests that sleep for half a minute,
// one of them ignoring SIGTERM and leaving a child, to interrupt a run with SIGINT or SIGTERM
// (interrupt_test.cpp), and one with a short timeout. With TK_SCENARIO_PID_FILE set, the sleeping tests note
// the pids of their processes.
#include <signal.h>
#include <unistd.h>

#include <testkit/testkit.hpp>

#include "pid_file.hpp"

namespace {

using testkit::e2e::note_pid;

TK_TEST(Quick, first) {}

TK_TEST(Sleepy, sleeps) {
  note_pid(::getpid());
  ::sleep(30);
}

TK_TEST(Quick, second) {}

// Only SIGKILL ends its process and the child, which inherits the ignored SIGTERM.
TK_TEST(Sleepy, ignores_sigterm_and_has_a_child) {
  ::signal(SIGTERM, SIG_IGN);
  note_pid(::getpid());
  const pid_t child = ::fork();
  TK_ASSERT_GE(child, 0);
  if (child == 0) {
    ::sleep(30);
    ::_exit(0);
  }
  note_pid(child);
  ::sleep(30);
}

TK_TEST(Quick, never_started) {}

// Last, so that on 2 jobs the interrupted runs never start it.
TK_TEST(Sleepy, past_its_timeout, .timeout = std::chrono::milliseconds(200)) { ::sleep(30); }

}  // namespace
