// run_main: a main() of the code under test in a forked process, so that how it ends is a result to check.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

#include <testkit/program.hpp>

#include "support/inner_test.hpp"

namespace {

using namespace std::chrono_literals;
using testkit::run_main;

// A calculator's main, as a student would write it.
int calc_main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: calc A OP B\n";
    return 1;
  }
  const int a = std::atoi(argv[1]);
  const int b = std::atoi(argv[3]);
  const std::string op = argv[2];
  if (op == "+") {
    std::cout << a + b << '\n';
  } else if (op == "/") {
    if (b == 0) {
      std::fprintf(stderr, "division by zero\n");
      std::exit(3);
    }
    std::printf("%d\n", a / b);
  } else {
    std::cerr << "unknown operator " << op << '\n';
    std::exit(2);
  }
  return 0;
}

TK_TEST(RunMain, returns_the_status_and_the_output_of_main) {
  const auto r = run_main(calc_main, {"calc", "2", "+", "3"});
  TK_EXPECT_EQ(r.exit_code, 0);
  TK_EXPECT_EQ(r.out, "5\n");
  TK_EXPECT_EQ(r.err, "");
}

TK_TEST(RunMain, exit_inside_main_is_its_exit_code_not_the_tests_end) {
  const auto r = run_main(calc_main, {"calc", "2", "^", "3"}, {.input = ""});
  TK_EXPECT_EQ(r.exit_code, 2);
  TK_EXPECT_CONTAINS(r.err, "unknown operator ^");
  const auto divided = run_main(calc_main, {"calc", "1", "/"}, {.args = {"0"}});
  TK_EXPECT_EQ(divided.exit_code, 3);
  TK_EXPECT_EQ(divided.err, "division by zero\n");
}

TK_TEST(RunMain, a_crash_is_a_result) {
  const auto r = run_main(
      [](int, char**) {
        std::printf("before the crash\n");
        std::fflush(stdout);
        ::raise(SIGSEGV);
        return 0;
      },
      {"crash"});
  TK_EXPECT_EQ(r.signal, SIGSEGV);
  TK_EXPECT_EQ(r.exit_code, -1);
  TK_EXPECT_EQ(r.out, "before the crash\n");
}

TK_TEST(RunMain, an_endless_loop_is_a_result) {
  const auto r = run_main(
      [] {
        for (;;) ::pause();  // waits for a signal that never comes
        return 0;
      },
      {"loop"}, {.timeout = 300ms});
  TK_EXPECT(r.timed_out);
  TK_EXPECT_EQ(r.signal, SIGKILL);
}

TK_TEST(RunMain, an_escaping_exception_ends_it_as_it_ends_a_program) {
  const auto r = run_main([]() -> int { throw std::runtime_error("bad input"); }, {"throws"});
  TK_EXPECT_EQ(r.signal, SIGABRT);
  TK_EXPECT_CONTAINS(r.err, "terminate called after throwing an instance of 'std::runtime_error'");
  TK_EXPECT_CONTAINS(r.err, "bad input");
}

TK_TEST(RunMain, reads_its_input_and_gets_its_arguments) {
  const auto r = run_main(
      [](int argc, char** argv) {
        std::string line;
        std::getline(std::cin, line);
        std::cout << argc << ' ' << argv[0] << ' ' << argv[1] << ' ' << line << '\n';
        return argv[argc] == nullptr ? 0 : 1;
      },
      {"echo", "arg"}, {.input = "typed\n"});
  TK_EXPECT_EQ(r.out, "2 echo arg typed\n");
  TK_EXPECT_EQ(r.exit_code, 0);
}

TK_TEST(RunMain, the_tests_input_and_capture_are_not_the_programs) {
  testkit::Input input{"the test's input"};
  testkit::OutputCapture output;
  const auto r = run_main(
      [] {
        std::string word;
        std::cin >> word;
        std::cout << "read [" << word << "]";
        return 0;
      },
      {"reader"}, {.input = "program-input"});
  TK_EXPECT_EQ(r.out, "read [program-input]");
  TK_EXPECT_EQ(output.out(), "");
  TK_EXPECT_EQ(input.remaining(), "the test's input");
}

TK_TEST(RunMain, buffered_output_of_the_test_is_not_written_again_by_the_child) {
  std::printf("the test's own line, buffered\n");
  const auto r = run_main([] { return 0; }, {"quiet"});
  TK_EXPECT_EQ(r.out, "");
}

TK_TEST(RunMain, failed_assertions_inside_count_for_the_test) {
  testkit::ProgramResult r;
  const auto result = testkit::selftest::run_inner([&] {
    r = run_main(
        [] {
          TK_EXPECT_EQ(1 + 1, 3);
          TK_ASSERT_EQ(2 + 2, 5);
          return 0;
        },
        {"asserts"});
  });
  TK_EXPECT_EQ(r.exit_code, 1, "a failed TK_ASSERT_ ends the process with status 1");
  TK_ASSERT_EQ(result.failures.size(), 2u);
  TK_EXPECT_EQ(result.failures[0].headline, "TK_EXPECT_EQ(1 + 1, 3)");
  TK_EXPECT_EQ(result.failures[1].headline, "TK_ASSERT_EQ(2 + 2, 5)");
}

TK_TEST(RunMain, environment_and_working_directory) {
  const auto r = run_main(
      [] {
        char directory[4096];
        std::printf("%s %s\n", std::getenv("TESTKIT_CALC_MODE"), ::getcwd(directory, sizeof directory));
        return 0;
      },
      {"env"}, {.env = {{"TESTKIT_CALC_MODE", "strict"}}, .cwd = "/"});
  TK_EXPECT_EQ(r.out, "strict /\n");
  TK_EXPECT(std::getenv("TESTKIT_CALC_MODE") == nullptr, "the test's environment is unchanged");
}

TK_TEST(RunMain, a_main_without_parameters) {
  const auto r = run_main([] { return 7; }, {});
  TK_EXPECT_EQ(r.exit_code, 7);
}

}  // namespace
