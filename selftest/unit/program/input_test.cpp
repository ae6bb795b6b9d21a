// Input feeds every way the code under test reads standard input, and past its end reads behave as at a terminal's
// end of file.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include <testkit/program.hpp>

#include "support/inner_test.hpp"

namespace {

using testkit::Input;

TK_TEST(Input, feeds_cin) {
  Input input{"Ada 36\nsecond line\nno newline"};
  std::string name;
  int age = 0;
  std::cin >> name >> age;
  TK_EXPECT_EQ(name, "Ada");
  TK_EXPECT_EQ(age, 36);
  std::string line;
  std::getline(std::cin >> std::ws, line);
  TK_EXPECT_EQ(line, "second line");
  TK_EXPECT(static_cast<bool>(std::getline(std::cin, line)));
  TK_EXPECT_EQ(line, "no newline");
  TK_EXPECT(std::cin.eof());
}

TK_TEST(Input, cin_past_the_end_fails_as_at_end_of_file) {
  Input input{"7"};
  int number = 0;
  std::cin >> number;
  TK_EXPECT_EQ(number, 7);
  std::cin >> number;
  TK_EXPECT(std::cin.eof());
  TK_EXPECT(std::cin.fail());
  TK_EXPECT_EQ(std::cin.get(), std::char_traits<char>::eof());
}

TK_TEST(Input, feeds_stdio) {
  Input input{"12 34\nfgets line\ngetline line\nxy"};
  int a = 0, b = 0;
  TK_EXPECT_EQ(std::scanf("%d %d", &a, &b), 2);
  TK_EXPECT_EQ(a + b, 46);
  TK_EXPECT_EQ(std::getchar(), '\n');
  char buffer[64];
  TK_ASSERT(std::fgets(buffer, sizeof buffer, stdin) != nullptr);
  TK_EXPECT_EQ(std::string(buffer), "fgets line\n");
  char* line = nullptr;
  std::size_t capacity = 0;
  TK_EXPECT_EQ(::getline(&line, &capacity, stdin), 13);
  TK_EXPECT_EQ(std::string(line), "getline line\n");
  std::free(line);
  char rest[8] = {};
  TK_EXPECT_EQ(std::fread(rest, 1, sizeof rest, stdin), 2u);
  TK_EXPECT_EQ(std::string(rest), "xy");
}

TK_TEST(Input, stdio_past_the_end_returns_eof_and_sets_feof) {
  Input input{"5\n"};
  int number = 0;
  TK_EXPECT_EQ(std::scanf("%d", &number), 1);
  TK_EXPECT_EQ(std::scanf("%d", &number), EOF);
  TK_EXPECT(std::feof(stdin) != 0);
  TK_EXPECT_EQ(std::getchar(), EOF);
  char buffer[8];
  TK_EXPECT(std::fgets(buffer, sizeof buffer, stdin) == nullptr);
}

TK_TEST(Input, feeds_read_of_descriptor_0_and_returns_0_at_its_end) {
  Input input{"raw bytes"};
  char buffer[4];
  TK_EXPECT_EQ(::read(0, buffer, sizeof buffer), 4);
  TK_EXPECT_EQ(std::string(buffer, 4), "raw ");
  TK_EXPECT_EQ(input.remaining(), "bytes");
  char rest[16];
  TK_EXPECT_EQ(::read(STDIN_FILENO, rest, sizeof rest), 5);
  TK_EXPECT_EQ(::read(STDIN_FILENO, rest, sizeof rest), 0);
  TK_EXPECT_EQ(::read(STDIN_FILENO, rest, sizeof rest), 0);
}

TK_TEST(Input, the_threads_of_the_test_share_it) {
  Input input{"1 2 3 4 5 6 7 8\n"};
  std::atomic<int> sum{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < 2; ++k) {
        char digit[2];
        while (::read(0, digit, 1) == 1 && (digit[0] == ' ' || digit[0] == '\n')) {
        }
        sum += digit[0] - '0';
      }
    });
  for (std::thread& thread : threads) thread.join();
  TK_EXPECT_EQ(sum.load(), 36);
}

TK_TEST(Input, a_new_input_starts_with_clean_streams_and_the_previous_one_resumes) {
  Input outer{"outer rest"};
  std::string word;
  std::cin >> word;
  TK_EXPECT_EQ(word, "outer");
  {
    Input inner{"x"};
    char c = 0;
    std::cin >> c >> c;  // reads x, then meets the end
    TK_EXPECT(std::cin.fail());
    TK_EXPECT_EQ(std::getchar(), EOF);
  }
  std::cin >> word;  // the inner Input's end of file is gone with it
  TK_EXPECT_EQ(word, "rest");
}

TK_TEST(Input, an_empty_input_is_at_its_end_at_once) {
  Input input{""};
  std::string line;
  TK_EXPECT(!std::getline(std::cin, line));
  TK_EXPECT_EQ(std::getchar(), EOF);
}

TK_TEST(Input, putback_and_unget_work_on_cin) {
  Input input{"ab"};
  TK_EXPECT_EQ(std::cin.get(), 'a');
  std::cin.unget();
  TK_EXPECT_EQ(std::cin.get(), 'a');
  std::cin.putback('a');
  TK_EXPECT_EQ(std::cin.peek(), 'a');
  std::string rest;
  std::cin >> rest;
  TK_EXPECT_EQ(rest, "ab");
}

TK_TEST(Input, captured_and_fed_together_as_an_interactive_program_runs) {
  Input input{"Ada\n"};
  testkit::OutputCapture output;
  std::cout << "Name? " << std::flush;
  std::string name;
  std::getline(std::cin, name);
  std::printf("Hello, %s!\n", name.c_str());
  TK_EXPECT_EQ(output.out(), "Name? Hello, Ada!\n");
}

TK_TEST(Input, tests_on_a_pool_each_read_their_own_input) {
  constexpr int tests = 8;
  std::vector<int> sums(tests, -1);
  std::vector<std::string> lines(tests);
  std::atomic<int> started{0};
  std::vector<std::function<void()>> bodies;
  for (int i = 0; i < tests; ++i)
    bodies.emplace_back([&, i] {
      std::string text;
      for (int k = 0; k < 100; ++k) text += fmt::format("{} ", i);
      Input input{text + "\nline " + std::to_string(i) + "\n"};
      ++started;
      while (started.load() < tests) std::this_thread::yield();
      int sum = 0;
      for (int k = 0; k < 50; ++k) {
        char pair[2];
        if (::read(0, pair, 2) == 2) sum += pair[0] - '0';
      }
      for (int k = 0; k < 50; ++k) {
        int value = -100;
        std::cin >> value;  // std::cin stays good: no test reads it past its end
        sum += value;
      }
      std::getline(std::cin >> std::ws, lines[i]);
      sums[i] = sum;
    });
  const testkit::RunResult run = testkit::selftest::run_on_pool(bodies, tests);
  TK_EXPECT_EQ(run.tally().passed, static_cast<std::size_t>(tests));
  for (int i = 0; i < tests; ++i) {
    TK_EXPECT_EQ(sums[i], 100 * i, "test {}", i);
    TK_EXPECT_EQ(lines[i], "line " + std::to_string(i), "test {}", i);
  }
}

}  // namespace
