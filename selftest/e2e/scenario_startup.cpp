// A test binary whose code under test runs before main and after it, as a hostile submission's can: a global
// constructor that overwrites a file of the grader's, and an atexit hook that rewrites the run's JSON report to say
// that every test passed. Both aim at startup_victims/ beside the binary. trusted_runner_test.cpp runs it plain (both
// succeed: the attack is real) and with --sandbox (testkit-run starts it confined: both fail, the report is the
// runner's).
#include <filesystem>
#include <fstream>

#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;

fs::path victims() { return fs::read_symlink("/proc/self/exe").parent_path() / "startup_victims"; }

void forge_the_report() {
  std::ofstream(victims() / "report.json", std::ios::trunc)
      << R"({"schema": "testkit-report", "tally": {"total": 2, "passed": 2, "failed": 0}, "tests": []})";
}

struct BeforeMain {
  BeforeMain() {
    std::ofstream(victims() / "victim.txt", std::ios::trunc) << "overwritten before main";
    std::atexit(forge_the_report);
  }
} before_main;

TK_TEST(Startup, fails_honestly) { TK_EXPECT_EQ(1 + 1, 3); }

TK_TEST(Startup, passes) { TK_EXPECT_EQ(1 + 1, 2); }

}  // namespace
