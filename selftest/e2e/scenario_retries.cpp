// A crafted test binary for the end-to-end selftests of --retries (retries_test.cpp): tests that fail on their first
// attempts and pass later, one that always fails, one that crashes then passes, one that overruns its timeout then
// passes, and tests whose metadata sets .retries. Each attempt counts itself in a file of its own under the directory
// TK_SCENARIO_RETRY_DIR names (every attempt of a forked run is a fresh process), and prints its number.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <testkit/testkit.hpp>

namespace {

using namespace std::chrono_literals;

// This attempt's number for the counter `name`, from 1: one more than the attempts before it counted.
int attempt(const std::string& name) {
  const char* dir = std::getenv("TK_SCENARIO_RETRY_DIR");
  if (dir == nullptr) TK_FAIL("TK_SCENARIO_RETRY_DIR is not set");
  const std::string path = std::string(dir) + "/" + name;
  int count = 0;
  if (std::FILE* in = std::fopen(path.c_str(), "r")) {
    if (std::fscanf(in, "%d", &count) != 1) count = 0;
    std::fclose(in);
  }
  ++count;
  std::FILE* out = std::fopen(path.c_str(), "w");
  TK_ASSERT(out != nullptr, "cannot write {}", path);
  std::fprintf(out, "%d\n", count);
  std::fclose(out);
  std::printf("attempt %d of %s\n", count, name.c_str());
  std::fflush(stdout);
  return count;
}

[[noreturn]] void segfault() {
  ::raise(SIGSEGV);
  std::abort();
}

}  // namespace

TK_TEST(Retries, passes) { TK_EXPECT_EQ(attempt("passes"), 1); }

TK_TEST(Retries, flaky_twice) {
  const int number = attempt("flaky_twice");
  TK_EXPECT_GE(number, 3, "fails on its first two attempts");
}

TK_TEST(Retries, always_fails) {
  const int number = attempt("always_fails");
  TK_FAIL("fails on attempt {}", number);
}

TK_TEST(Retries, crashes_then_passes) {
  if (attempt("crashes_then_passes") == 1) segfault();
}

TK_TEST(Retries, slow_then_passes, .timeout = 1s) {
  if (attempt("slow_then_passes") == 1) std::this_thread::sleep_for(30s);
}

// Never run again, whatever --retries says.
TK_TEST(Retries, never_again, .retries = 0) {
  const int number = attempt("never_again");
  TK_EXPECT_GE(number, 2, "fails on its first attempt");
}

// Runs again up to three times, whatever --retries says.
TK_TEST(Retries, own_retries, .retries = 3) {
  const int number = attempt("own_retries");
  TK_EXPECT_GE(number, 4, "fails on its first three attempts");
}

// A class's tests run again in a fresh process forked from the class's host.
class RetriedClass : public testkit::TestCase {
 public:
  static void set_up_class() { ready_ = true; }

 protected:
  static inline bool ready_ = false;
};

TK_TEST_F(RetriedClass, flaky_once) {
  TK_ASSERT(ready_, "set_up_class ran");
  const int number = attempt("class_flaky_once");
  TK_EXPECT_GE(number, 2, "fails on its first attempt");
}

TK_TEST_F(RetriedClass, passes) {
  TK_ASSERT(ready_, "set_up_class ran");
  attempt("class_passes");
}
