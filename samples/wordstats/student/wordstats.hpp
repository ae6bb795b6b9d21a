#pragma once
// Assignment 3: word statistics of standard input (a student's submission).
//
//   usage: wordstats [-n TOP]
//
// Reads text from standard input and prints its line, word and character counts and its TOP (default 3) most
// frequent words, ties in alphabetical order. A word is a run of letters, digits and apostrophes, compared without
// case. A bad option is an error: a message on standard error and exit status 2.

#include <cstddef>
#include <istream>
#include <string>
#include <utility>
#include <vector>

namespace wordstats {

/// The counts of one text.
struct Stats {
  std::size_t lines = 0;
  std::size_t words = 0;
  std::size_t characters = 0;
  std::vector<std::pair<std::string, std::size_t>> frequencies;  ///< most frequent first, ties alphabetical
};

/// Counts the text `in` holds.
Stats count(std::istream& in);

/// Prints the report of `stats` with its `top` most frequent words to standard output.
void print_report(const Stats& stats, std::size_t top);

/// The program: reads standard input, prints the report; exits with status 2 on a bad option.
int main_program(int argc, char** argv);

}  // namespace wordstats
