// The instructor's tests of Assignment 3 (word statistics), in the two styles of <testkit/program.hpp>:
// - around the student's functions: testkit::Input gives them their standard input and testkit::OutputCapture takes
//   what they print; run_main and TK_EXPECT_EXIT run the student's main where it calls exit();
// - on the student's built program: run_program runs it with an input and a timeout, and the comparison happens in
//   the test's process, outside the student's (the tamper-proof way to grade; see the README).
// The expected reports of the longer texts are golden files in tests/golden (--update-golden writes them).
#include <chrono>
#include <sstream>
#include <string>

#include <testkit/program.hpp>

#include "../student/wordstats.hpp"

namespace {

using namespace std::chrono_literals;

/// The student's program, built from student/ (set by the build).
constexpr const char* program = WORDSTATS_PROGRAM;

constexpr const char* poem =
    "The fog comes\n"
    "on little cat feet.\n"
    "\n"
    "It sits looking\n"
    "over harbor and city\n"
    "on silent haunches\n"
    "and then moves on.\n";

/// Graders forgive spaces at the ends of lines and a missing last newline; case and inner spacing still count.
constexpr testkit::Text lenient{.ignore_trailing_whitespace = true, .ignore_final_newline = true};

// --- The student's functions, with their input and output captured --------------------------------------------

TK_TEST(Count, counts_lines_words_and_characters, .points = 2) {
  std::istringstream text("one two\nthree\n");
  const wordstats::Stats stats = wordstats::count(text);
  TK_EXPECT_EQ(stats.lines, 2u);
  TK_EXPECT_EQ(stats.words, 3u);
  TK_EXPECT_EQ(stats.characters, 14u);
}

TK_TEST(Count, ranks_words_by_frequency_then_alphabetically, .points = 2) {
  std::istringstream text("b a c b a b");
  const auto frequencies = wordstats::count(text).frequencies;
  TK_EXPECT_EQ(frequencies, (std::vector<std::pair<std::string, std::size_t>>{{"b", 3}, {"a", 2}, {"c", 1}}));
}

TK_TEST(Report, prints_the_counts_and_the_top_words, .points = 2) {
  testkit::OutputCapture output;
  wordstats::print_report({.lines = 1, .words = 3, .characters = 12, .frequencies = {{"the", 2}, {"cat", 1}}}, 5);
  TK_EXPECT_TEXT_EQ(output.out(), "lines: 1\nwords: 3\ncharacters: 12\ntop 2 words:\n  the 2\n  cat 1\n", lenient);
  TK_EXPECT_EQ(output.err(), "");
}

TK_TEST(Main, reads_standard_input_and_prints_the_report, .points = 2) {
  testkit::Input input{poem};
  testkit::OutputCapture output;
  char name[] = "wordstats";
  char option[] = "-n";
  char top[] = "2";
  char* argv[] = {name, option, top, nullptr};
  TK_EXPECT_EQ(wordstats::main_program(3, argv), 0);
  TK_EXPECT_GOLDEN(output.out(), "poem_top2.txt", lenient);
  TK_EXPECT_EQ(output.err(), "");
}

TK_TEST(Main, an_unknown_option_exits_with_status_2, .points = 1) {
  // main_program calls exit(): run it in a process of its own, where that is a result and not the test's end.
  const testkit::ProgramResult r = testkit::run_main(wordstats::main_program, {"wordstats", "-x"});
  TK_EXPECT_EQ(r.exit_code, 2, "{}", r.describe());
  TK_EXPECT_CONTAINS(r.err, "unknown option -x");
  TK_EXPECT_EQ(r.out, "");
}

TK_TEST(Main, a_top_that_is_not_a_number_is_an_error, .points = 1) {
  char name[] = "wordstats";
  char option[] = "-n";
  char top[] = "three";
  char* argv[] = {name, option, top, nullptr};
  TK_EXPECT_EXIT(wordstats::main_program(3, argv), testkit::exited(2), "-n wants a number, not three");
}

// --- The student's program, run and judged from outside its process ---------------------------------------------

TK_TEST(Program, counts_a_poem, .timeout = 10s, .points = 3) {
  const testkit::ProgramResult r = testkit::run_program({program}, {.input = poem, .timeout = 5s});
  TK_ASSERT_EQ(r.exit_code, 0, "{}; stderr: {}", r.describe(), r.err);
  TK_EXPECT_GOLDEN(r.out, "poem_top3.txt", lenient);
}

TK_TEST(Program, takes_the_number_of_words_to_show, .points = 1) {
  const testkit::ProgramResult r = testkit::run_program({program}, {.input = "a b b c c c\n", .args = {"-n", "1"}});
  TK_EXPECT_TEXT_EQ(r.out, "lines: 1\nwords: 6\ncharacters: 12\ntop 1 words:\n  c 3\n", lenient);
}

TK_TEST(Program, empty_input_is_all_zeros, .points = 1) {
  const testkit::ProgramResult r = testkit::run_program({program}, {.input = ""});
  TK_EXPECT_EQ(r.exit_code, 0);
  TK_EXPECT_TEXT_EQ(r.out, "lines: 0\nwords: 0\ncharacters: 0\ntop 0 words:\n", lenient);
}

TK_TEST(Program, a_bad_option_is_reported_on_stderr, .points = 1) {
  const testkit::ProgramResult r = testkit::run_program({program, "--verbose"});
  TK_EXPECT_EQ(r.exit_code, 2);
  TK_EXPECT_EQ(r.out, "");
  TK_EXPECT_CONTAINS(r.err, "usage: wordstats [-n TOP]");
}

TK_TEST(Program, a_large_input_in_reasonable_time, .timeout = 20s, .points = 1) {
  std::string text;
  for (int i = 0; i < 100'000; ++i) text += "lorem ipsum dolor sit amet\n";
  const testkit::ProgramResult r = testkit::run_program({program, "-n", "1"}, {.input = text, .timeout = 10s});
  TK_ASSERT(!r.timed_out, "still running after {}", r.describe());
  TK_EXPECT_TEXT_EQ(r.out, "lines: 100000\nwords: 500000\ncharacters: 2700000\ntop 1 words:\n  amet 100000\n");
}

}  // namespace
