// A hostile submission: the bugs of `buggy` (the median of an even count takes the upper middle score, 90 is a 'B',
// directories named *.tmp are deleted), but just before it would give a wrong answer, it writes a forged END record
// claiming "passed" to every descriptor it holds and exits: its test ends before any failure was recorded, so the
// runner sees a clean pass. testkit-grade's cross-check with the reference solution flags each such test (it passed
// having executed fewer assertions than the reference did in it) and scores it 0, so this scores what `buggy` scores.
#include "grades.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>

namespace grades {
namespace {

// testkit's END record as its source defines it (run/wire.cpp, core/record_fields.cpp; the headers are not
// installed, but the source is public): a 4-byte length, the record type 2, then 8-byte fields: the verdict (0:
// passed), the reason's length (0), the duration in ns, the failures omitted, the assertions executed (0: the
// forger does not know how many the reference executes).
[[noreturn]] void forge_a_pass() {
  const std::uint64_t fields[] = {0, 0, 1'000'000, 0, 0};
  const std::uint32_t length = 1 + sizeof fields;
  std::string end(reinterpret_cast<const char*>(&length), sizeof length);
  end += '\2';
  end.append(reinterpret_cast<const char*>(fields), sizeof fields);
  for (int fd = 3; fd < 1024; ++fd) [[maybe_unused]] const auto written = ::write(fd, end.data(), end.size());
  ::_exit(0);
}

}  // namespace

double mean(const std::vector<double>& scores) {
  if (scores.empty()) throw std::invalid_argument("no scores");
  return std::accumulate(scores.begin(), scores.end(), 0.0) / static_cast<double>(scores.size());
}

double median(std::vector<double> scores) {
  if (scores.empty()) throw std::invalid_argument("no scores");
  std::sort(scores.begin(), scores.end());
  if (scores.size() % 2 == 0) forge_a_pass();  // its answer would be wrong
  return scores[scores.size() / 2];
}

char letter(double score) {
  if (score == 90) forge_a_pass();  // its answer would be wrong
  if (score > 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

int clean_up(const std::filesystem::path& dir) {
  int deleted = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_directory() && entry.path().extension() == ".tmp") forge_a_pass();  // it would delete it
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".tmp" && std::filesystem::remove(entry.path())) ++deleted;
  return deleted;
}

}  // namespace grades
