// A crafted test binary for the end-to-end selftests of class hosts (class_host_test.cpp): fixture classes whose
// set_up_class and tear_down_class note each run in the log file named by TK_SCENARIO_CLASS_LOG (one line per run:
// "<what> <class> <pid>"), whose tests note theirs, change the class's state, and crash their test process, their
// host, set_up_class or tear_down_class. Each group of classes is run on its own with --filter.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include <testkit/testkit.hpp>

#include "scenario_log.hpp"

namespace {

void note(const std::string& what) { testkit::e2e::note_in_log("TK_SCENARIO_CLASS_LOG", what); }

[[noreturn]] void segfault() {
  ::raise(SIGSEGV);
  std::abort();
}

// Counted: set_up_class builds the state its tests read; each test changes it, and must not see another's change.
class Counted : public testkit::TestCase {
 public:
  static void set_up_class() {
    note("set_up_class Counted");
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

// Ten tests whose set_up_class sleeps 200 ms: the run takes about 0.2 s plus the tests, not 2 s.
class SlowSetUp : public testkit::TestCase {
 public:
  static void set_up_class() { std::this_thread::sleep_for(std::chrono::milliseconds(200)); }
};

TK_TEST_FP(SlowSetUp, quick, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) { TK_EXPECT_GE(param(), 0); }

}  // namespace
