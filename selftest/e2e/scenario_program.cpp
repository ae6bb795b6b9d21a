// A crafted test binary for the end-to-end selftests of <testkit/program.hpp>: program_test.cpp runs it forked, with
// --no-fork -j 1 and on a pool of 8 threads, and checks that each test's captures and Input are its own while what a
// test writes outside a capture reaches the report as before. With TK_PROGRAM_BARRIER=<dir>, the eight CaptureAtOnce
// tests wait there until all eight capture, so that they provably capture at the same time. Golden.update_me compares
// with the golden file TK_PROGRAM_GOLDEN names; Sandboxed.* check a program run under --sandbox from the inside.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>

#include <fmt/format.h>

#include <testkit/program.hpp>

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// Arrives at the barrier directory (a file per test) and waits for the other seven; false after 20 s.
bool meet_the_others(const std::string& barrier, int index) {
  std::ofstream(fs::path(barrier) / std::to_string(index)) << "arrived";
  for (const auto until = std::chrono::steady_clock::now() + 20s; std::chrono::steady_clock::now() < until;) {
    if (std::distance(fs::directory_iterator(barrier), fs::directory_iterator()) >= 8) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

// The report of this failing test shows what it wrote outside its capture, and only that.
TK_TEST(Captured, writes_outside_its_capture_to_the_report) {
  std::cout << "outside before (cout)" << std::endl;
  std::printf("outside before (printf)\n");
  {
    testkit::OutputCapture output;
    std::cout << "inside (cout)\n";
    std::printf("inside (printf)\n");
    (void)::write(1, "inside (write)\n", 15);
    std::fputs("inside (stderr)\n", stderr);
    TK_EXPECT_EQ(output.out(), "inside (cout)\ninside (printf)\ninside (write)\n");
    TK_EXPECT_EQ(output.err(), "inside (stderr)\n");
  }
  std::cout << "outside after (cout)" << std::endl;
  (void)::write(2, "outside after (stderr)\n", 23);
  std::fflush(stdout);
  TK_ADD_FAILURE("fails to show its output");
}

TK_TEST_P(CaptureAtOnce, each_test_captures_only_its_own_output, (std::vector{0, 1, 2, 3, 4, 5, 6, 7})) {
  const int index = param();
  testkit::OutputCapture output;
  testkit::Input input{fmt::format("{}\n", index * 11)};
  if (const std::string barrier = env("TK_PROGRAM_BARRIER"); !barrier.empty())
    TK_ASSERT(meet_the_others(barrier, index), "the eight tests did not all capture at once");
  int read = -1;
  std::cin >> read;
  std::string expected;
  for (int k = 0; k < 100; ++k) {
    std::cout << index;
    std::printf("%d", index);
    (void)::write(1, std::to_string(index).c_str(), 1);
    std::this_thread::yield();
    expected += std::string(3, static_cast<char>('0' + index));
  }
  TK_EXPECT_EQ(read, index * 11);
  TK_EXPECT_EQ(output.out(), expected);
}

TK_TEST(RunMain, a_crash_in_main_is_a_result_in_every_mode) {
  const auto r = testkit::run_main(
      [](int, char** argv) {
        std::printf("%s ran\n", argv[0]);
        std::fflush(stdout);
        std::abort();
        return 0;
      },
      {"crasher"});
  TK_EXPECT_EQ(r.out, "crasher ran\n");
  TK_EXPECT(r.signal != 0);
  TK_EXPECT_DEATH(std::abort(), "");
}

TK_TEST(Golden, update_me) {
  if (env("TK_PROGRAM_GOLDEN").empty()) TK_SKIP("TK_PROGRAM_GOLDEN names no file");
  TK_EXPECT_GOLDEN(std::string("line one\nline two\n"), env("TK_PROGRAM_GOLDEN"));
}

TK_TEST(Sandboxed, a_program_is_as_confined_as_its_test) {
  if (env("TMPDIR").find("testkit-sandbox-") == std::string::npos) TK_SKIP("not run under --sandbox");
  const auto r = testkit::run_program(
      {"/bin/sh", "-c",
       "awk '/Max processes/ { print $3 }' /proc/self/limits; echo \"$HOME\"; echo \"$TK_PROGRAM_SECRET\""});
  TK_EXPECT_EQ(r.exit_code, 0, "{}", r.err);
  TK_EXPECT_EQ(r.out, fmt::format("16\n{}\n\n", env("HOME")));
  const auto w = testkit::run_program({"/bin/sh", "-c", "echo x > \"$0\"", env("TK_PROGRAM_VICTIM")});
  TK_EXPECT_NE(w.exit_code, 0, "the program wrote outside the sandbox");
}

}  // namespace
