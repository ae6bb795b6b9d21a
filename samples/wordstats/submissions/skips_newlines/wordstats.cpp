#include "../../student/wordstats.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <string_view>

namespace wordstats {
namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\''; }

[[noreturn]] void usage_error(const char* problem, const char* argument) {
  std::fprintf(stderr, "wordstats: %s %s\nusage: wordstats [-n TOP]\n", problem, argument);
  std::exit(2);
}

}  // namespace

Stats count(std::istream& in) {
  Stats stats;
  std::map<std::string, std::size_t> seen;
  std::string word;
  const auto end_word = [&] {
    if (word.empty()) return;
    ++stats.words;
    ++seen[word];
    word.clear();
  };
  for (char c; in.get(c);) {
    if (c != '\n') ++stats.characters;  // the bug: a line break is a character too
    if (c == '\n') ++stats.lines;
    if (is_word_char(c))
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else
      end_word();
  }
  end_word();
  stats.frequencies.assign(seen.begin(), seen.end());
  std::stable_sort(stats.frequencies.begin(), stats.frequencies.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return stats;
}

void print_report(const Stats& stats, std::size_t top) {
  std::cout << "lines: " << stats.lines << '\n';
  std::printf("words: %zu\n", stats.words);
  std::printf("characters: %zu\n", stats.characters);
  const std::size_t shown = std::min(top, stats.frequencies.size());
  std::cout << "top " << shown << " words:\n";
  for (std::size_t i = 0; i < shown; ++i)
    std::cout << "  " << stats.frequencies[i].first << ' ' << stats.frequencies[i].second << '\n';
}

int main_program(int argc, char** argv) {
  std::size_t top = 3;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-n") == 0) {
      if (i + 1 == argc) usage_error("-n wants a number after it:", "");
      char* end = nullptr;
      const long value = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || value < 0) usage_error("-n wants a number, not", argv[i]);
      top = static_cast<std::size_t>(value);
    } else {
      usage_error("unknown option", argv[i]);
    }
  }
  print_report(count(std::cin), top);
  return 0;
}

}  // namespace wordstats
