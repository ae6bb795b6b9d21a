// A crafted test binary for the end-to-end selftests: tests whose output is hostile to the terminal that shows
// it (escape sequences that retitle and clear it, a C1 control, malformed UTF-8, a forged verdict line, a 10 MiB
// failure message). hostile_output_test.cpp checks the console bytes and the file reports of its runs.
#include <cstdio>
#include <stdexcept>
#include <string>

#include <testkit/testkit.hpp>

namespace {

TK_TEST(Hostile, drives_the_terminal) {
  std::fputs("\033]0;pwned\007\033[2J\033[H stdout\n", stdout);
  std::fputs(
      "\xc2\x9b"
      "2J \xff stderr\n",
      stderr);
  TK_EXPECT_EQ(1, 2, "\033]0;pwned\007 \033[2J");
  throw std::runtime_error("\033[2J from what()");
}

TK_TEST(Hostile, forges_a_verdict_line) { TK_SKIP("reason\nPASS  Grading.everything"); }

TK_TEST(Hostile, huge_message) { TK_FAIL("start {} end", std::string(std::size_t{10} << 20, 'x')); }

}  // namespace
