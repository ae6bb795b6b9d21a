// A crafted test binary for the end-to-end selftests of class hosts (class_host_test.cpp): fixture classes whose
// set_up_class and tear_down_class note each run in the log file named by TK_SCENARIO_CLASS_LOG (one line per run:
// "<what> <class> <pid>"; on stdout as "note: ..." when the variable is unset), whose tests note theirs, change the
// class's state, and crash their test process, their host, set_up_class or tear_down_class. Each group of classes is
// run on its own with --filter.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include <testkit/core/black_box.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/run/wire.hpp>
#include <testkit/testkit.hpp>

#include "scenario_log.hpp"

namespace {

// Under --sandbox, whose scrubbed environment has no log and where nothing outside the test's directory is
// writable, the line goes to stdout instead: the driver reads it from the report's captured output.
void note(const std::string& what) {
  if (std::getenv("TK_SCENARIO_CLASS_LOG") == nullptr)
    std::printf("note: %s %d\n", what.c_str(), static_cast<int>(::getpid()));
  else
    testkit::e2e::note_in_log("TK_SCENARIO_CLASS_LOG", what);
}

[[noreturn]] void segfault() {
  ::raise(SIGSEGV);
  std::abort();
}

// Counted: set_up_class builds the state its tests read; each test changes it, and must not see another's change.
class Counted : public testkit::TestCase {
 public:
  static void set_up_class() {
    note("set_up_class Counted");
    note("set_up_class_uid Counted " + std::to_string(::getuid()));
    catalog_size_ = 1000;
  }
  static void tear_down_class() { note("tear_down_class Counted"); }

 protected:
  // Checks that the test starts from set_up_class's state, then changes it.
  void use_the_catalog(const char* name) {
    note(std::string("test Counted.") + name);
    TK_EXPECT_EQ(catalog_size_, 1000, "a test saw another's change, or set_up_class did not run before it");
    catalog_size_ = 0;
  }
  static inline int catalog_size_ = 0;
};

TK_TEST_F(Counted, first) { use_the_catalog("first"); }
TK_TEST_F(Counted, second) { use_the_catalog("second"); }
TK_TEST_F(Counted, third) { use_the_catalog("third"); }
TK_TEST_F(Counted, fourth) { use_the_catalog("fourth"); }

// Free tests run on a host of their own, each in a fresh process too.
int free_state = 0;

TK_TEST(Free, first) {
  note("test Free.first");
  TK_EXPECT_EQ(free_state, 0);
  free_state = 1;
}
TK_TEST(Free, second) {
  note("test Free.second");
  TK_EXPECT_EQ(free_state, 0);
  free_state = 2;
}

class CrashesInSetUp : public testkit::TestCase {
 public:
  static void set_up_class() {
    note("set_up_class CrashesInSetUp");
    segfault();
  }
  static void tear_down_class() { note("tear_down_class CrashesInSetUp"); }
};

TK_TEST_F(CrashesInSetUp, first) { note("test CrashesInSetUp.first"); }
TK_TEST_F(CrashesInSetUp, second) { note("test CrashesInSetUp.second"); }
TK_TEST_F(CrashesInSetUp, third) { note("test CrashesInSetUp.third"); }

class HangsInSetUp : public testkit::TestCase {
 public:
  static void set_up_class() {
    note("set_up_class HangsInSetUp");
    std::this_thread::sleep_for(std::chrono::seconds(30));
  }
};

TK_TEST_F(HangsInSetUp, first) {}
TK_TEST_F(HangsInSetUp, second) {}

class StopsInSetUp : public testkit::TestCase {
 public:
  static void set_up_class() {
    note("set_up_class StopsInSetUp");
    ::raise(SIGSTOP);
  }
};

TK_TEST_F(StopsInSetUp, first) { note("test StopsInSetUp.first"); }
TK_TEST_F(StopsInSetUp, second) { note("test StopsInSetUp.second"); }

class CrashingTest : public testkit::TestCase {
 public:
  static void set_up_class() { note("set_up_class CrashingTest"); }
  static void tear_down_class() { note("tear_down_class CrashingTest"); }
};

TK_TEST_F(CrashingTest, before) { note("test CrashingTest.before"); }
TK_TEST_F(CrashingTest, crashes) { segfault(); }
TK_TEST_F(CrashingTest, after) { note("test CrashingTest.after"); }

class CrashesInTearDown : public testkit::TestCase {
 public:
  static void set_up_class() { note("set_up_class CrashesInTearDown"); }
  static void tear_down_class() {
    note("tear_down_class CrashesInTearDown");
    segfault();
  }
};

TK_TEST_F(CrashesInTearDown, first) {}
TK_TEST_F(CrashesInTearDown, last) {}

class FailsInTearDown : public testkit::TestCase {
 public:
  static void tear_down_class() {
    note("tear_down_class FailsInTearDown");
    TK_FAIL("the database did not shut down");
  }
};

TK_TEST_F(FailsInTearDown, first) {}
TK_TEST_F(FailsInTearDown, last) {}

// A test that kills its class host: it is lost with it, and the class's later tests run on a new host.
class KillsItsHost : public testkit::TestCase {
 public:
  static void set_up_class() { note("set_up_class KillsItsHost"); }
  static void tear_down_class() { note("tear_down_class KillsItsHost"); }
};

TK_TEST_F(KillsItsHost, before) { note("test KillsItsHost.before"); }
TK_TEST_F(KillsItsHost, kills_its_host) {
  ::kill(::getppid(), SIGKILL);
  std::this_thread::sleep_for(std::chrono::seconds(30));
}
TK_TEST_F(KillsItsHost, after) { note("test KillsItsHost.after"); }

// A test that stops its class host (SIGSTOP, as a submission may): the runner kills the stopped host, the test is
// lost with it, and the class's later tests run on a new host.
class StopsItsHost : public testkit::TestCase {
 public:
  static void set_up_class() { note("set_up_class StopsItsHost"); }
  static void tear_down_class() { note("tear_down_class StopsItsHost"); }
};

TK_TEST_F(StopsItsHost, before) { note("test StopsItsHost.before"); }
TK_TEST_F(StopsItsHost, stops_its_host) {
  ::kill(::getppid(), SIGSTOP);
  std::this_thread::sleep_for(std::chrono::seconds(30));
}
TK_TEST_F(StopsItsHost, after) { note("test StopsItsHost.after"); }
TK_TEST_F(StopsItsHost, last) { note("test StopsItsHost.last"); }

// Each test of a host starts from its own state, whatever an earlier test of the class left behind. The first test
// prints, fails, and leaves a process of its own session (beyond the kill of its process group) that, once the second
// test has started, writes to everything the first test's process held: stdout, stderr, the result channel (a forged
// failing END) and the black box (a crash). The second test ends once that is done.
class LeavesAProcess : public testkit::TestCase {
 public:
  static void set_up_class() { note("set_up_class LeavesAProcess"); }
  static void tear_down_class() { note("tear_down_class LeavesAProcess"); }
};

// Waits (up to 30 s) until the class log has a line starting with `what`.
void wait_for_note(const std::string& what) {
  const char* path = std::getenv("TK_SCENARIO_CLASS_LOG");
  for (int tries = 0; path != nullptr && tries < 3000; ++tries) {
    std::ifstream log(path);
    for (std::string line; std::getline(log, line);)
      if (line.starts_with(what + " ")) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TK_TEST_F(LeavesAProcess, first) {
  note("test LeavesAProcess.first");
  std::printf("output of the first test\n");
  std::fflush(stdout);
  TK_EXPECT_EQ(1, 2, "a failure of the first test");
  if (::fork() != 0) return;
  ::setsid();
  ::signal(SIGPIPE, SIG_IGN);  // the supervisor may have closed the reading ends: the writes below then fail
  wait_for_note("test LeavesAProcess.second");
  const std::string forged = testkit::detail::encode(testkit::detail::EndRecord{.verdict = testkit::Verdict::failed});
  for (int fd : {STDOUT_FILENO, STDERR_FILENO}) (void)!::write(fd, "leftover output\n", 16);
  (void)!::write(3, forged.data(), forged.size());
  if (testkit::detail::BlackBox* const box = testkit::detail::process_role().black_box; box != nullptr) {
    box->fatal_signal = SIGSEGV;
    std::snprintf(box->terminate_reason, sizeof box->terminate_reason, "written by a leftover process");
  }
  note("leftover LeavesAProcess.first");
  ::_exit(0);
}
TK_TEST_F(LeavesAProcess, second) {
  note("test LeavesAProcess.second");
  wait_for_note("leftover LeavesAProcess.first");
}

// set_up_class changes the signal actions, the signal mask and stdin; each test still starts with the default actions
// (crash handlers installed), nothing blocked, and stdin at its end.
class ChangesSignals : public testkit::TestCase {
 public:
  static void set_up_class() {
    if (const int fd = ::open("/proc/self/stat", O_RDONLY); fd >= 0) ::dup2(fd, STDIN_FILENO);
    ::signal(SIGPIPE, SIG_IGN);
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGSEGV, SIG_DFL);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    sigprocmask(SIG_BLOCK, &blocked, nullptr);
  }
};

TK_TEST_F(ChangesSignals, starts_with_the_default_signal_state) {
  struct sigaction action = {};
  for (int signal : {SIGPIPE, SIGINT}) {
    sigaction(signal, nullptr, &action);
    TK_EXPECT(action.sa_handler == SIG_DFL, "signal {}", signal);
  }
  sigaction(SIGSEGV, nullptr, &action);
  TK_EXPECT(action.sa_handler != SIG_DFL, "the crash handler records a SIGSEGV");
  sigset_t blocked;
  sigprocmask(SIG_BLOCK, nullptr, &blocked);
  for (int signal = 1; signal < SIGRTMIN; ++signal) TK_EXPECT(!sigismember(&blocked, signal), "signal {}", signal);
  char byte = 0;
  TK_EXPECT_EQ(::read(STDIN_FILENO, &byte, 1), 0, "stdin is /dev/null");
}
TK_TEST_F(ChangesSignals, crashes) { segfault(); }

// Run with LD_DEBUG=bindings: the test moves its stderr, where the loader writes each function it binds, onto the file
// TK_SCENARIO_BINDINGS_LOG names, so the file holds what its process binds after the test body (sending its end, the
// exit). The host rehearsed that path before it forked the test: the file stays empty.
TK_TEST(AfterTheBody, binds_nothing) {
  const char* const path = std::getenv("TK_SCENARIO_BINDINGS_LOG");
  TK_ASSERT(path != nullptr, "TK_SCENARIO_BINDINGS_LOG is not set");
  const int log = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  TK_ASSERT(log >= 0, "cannot open {}", path);
  TK_ASSERT(::dup2(log, STDERR_FILENO) == STDERR_FILENO);
}

// Ten tests whose set_up_class sleeps 200 ms: the run takes about 0.2 s plus the tests, not 2 s.
class SlowSetUp : public testkit::TestCase {
 public:
  static void set_up_class() { std::this_thread::sleep_for(std::chrono::milliseconds(200)); }
};

TK_TEST_FP(SlowSetUp, quick, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) { TK_EXPECT_GE(param(), 0); }

}  // namespace
