// A crafted test binary for the end-to-end selftests of module fixtures (module_fixture_test.cpp): two
// TK_SET_UP_MODULE and a TK_TEAR_DOWN_MODULE that note each run in the log file named by TK_SCENARIO_MODULE_LOG (one
// line per run: "<what> <pid>"), a fixture class and free tests that check the state the set-up left, and, as
// TK_SCENARIO_MODULE says, a set-up or tear-down that fails, skips, crashes or hangs, or a test that kills the process
// the set-up ran in.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include <testkit/testkit.hpp>

#include "scenario_log.hpp"

namespace {

void note(const std::string& what) { testkit::e2e::note_in_log("TK_SCENARIO_MODULE_LOG", what); }

// What TK_SCENARIO_MODULE asks of the hooks: "set_up_fails", "set_up_skips", "set_up_crashes", "set_up_hangs",
// "tear_down_fails", "tear_down_crashes", "kills_module_host"; anything else: nothing.
bool asked(std::string_view what) {
  const char* mode = std::getenv("TK_SCENARIO_MODULE");
  return mode != nullptr && what == mode;
}

[[noreturn]] void segfault() {
  ::raise(SIGSEGV);
  std::abort();
}

int catalog_size = 0;  // what the module set-up builds
pid_t set_up_process = 0;
int loaded_twice = 0;  // what the second set-up adds

}  // namespace

TK_SET_UP_MODULE() {
  note("set_up_module");
  std::puts("loading the catalog");
  if (asked("set_up_fails")) TK_FAIL("the catalog server is down");
  if (asked("set_up_skips")) TK_SKIP("no catalog on this machine");
  if (asked("set_up_crashes")) segfault();
  if (asked("set_up_hangs"))
    while (true) ::pause();
  catalog_size = 1000;
  set_up_process = ::getpid();
}

TK_SET_UP_MODULE() {
  note("set_up_module second");
  loaded_twice = catalog_size;
}

TK_TEAR_DOWN_MODULE() {
  note("tear_down_module");
  if (asked("tear_down_fails")) TK_FAIL("the catalog was left locked");
  if (asked("tear_down_crashes")) segfault();
}

class Shelf : public testkit::TestCase {
 public:
  static void set_up_class() { note("set_up_class Shelf"); }
  static void tear_down_class() { note("tear_down_class Shelf"); }

 protected:
  static void check_the_catalog(const char* name) {
    note(std::string("test ") + name);
    TK_EXPECT_EQ(catalog_size, 1000, "the module set-up did not run before the test, or not in its process");
    TK_EXPECT_EQ(loaded_twice, 1000, "the second set-up did not run after the first");
  }
};

TK_TEST_F(Shelf, first) {
  check_the_catalog("Shelf.first");
  if (asked("kills_module_host")) ::kill(set_up_process, SIGKILL);  // forked: the module host
}
TK_TEST_F(Shelf, second) { check_the_catalog("Shelf.second"); }
TK_TEST_F(Shelf, third) { check_the_catalog("Shelf.third"); }

TK_TEST(Loose, first) {
  note("test Loose.first");
  TK_EXPECT_EQ(catalog_size, 1000);
}
TK_TEST(Loose, second) {
  note("test Loose.second");
  TK_EXPECT_EQ(catalog_size, 1000);
}
TK_TEST(Loose, not_now, .skip = "skipped by its metadata") {}
