// A hostile submission: the bugs of `buggy` (the median of an even count takes the upper middle score, 90 is a 'B',
// directories named *.tmp are deleted), and once it has given a wrong answer, its next call writes a forged END
// record claiming "passed" to every descriptor it holds and exits at once, before the test can check more. testkit
// keeps a test failed once a failure was recorded, so this scores what `buggy` scores.
#include "grades.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>

namespace grades {
namespace {

bool answered_wrong = false;

// First in every function: after a wrong answer (which the test has recorded as a failure by now), a forged END, as
// testkit's source defines the record (run/wire.cpp, core/record_fields.cpp; the headers are not installed, but the
// source is public): a 4-byte length, the record type 2, then 8-byte fields: the verdict (0: passed), the reason's
// length (0), the duration in ns, the failures omitted, and the assertions executed (more than any test has, so
// that testkit-grade's cross-check with the reference solution has nothing to flag).
void claim_a_pass_after_a_wrong_answer() {
  if (!answered_wrong) return;
  const std::uint64_t fields[] = {0, 0, 1'000'000, 0, 1'000};
  const std::uint32_t length = 1 + sizeof fields;
  std::string end(reinterpret_cast<const char*>(&length), sizeof length);
  end += '\2';
  end.append(reinterpret_cast<const char*>(fields), sizeof fields);
  for (int fd = 3; fd < 1024; ++fd) [[maybe_unused]] const auto written = ::write(fd, end.data(), end.size());
  ::_exit(0);
}

}  // namespace

double mean(const std::vector<double>& scores) {
  claim_a_pass_after_a_wrong_answer();
  if (scores.empty()) throw std::invalid_argument("no scores");
  return std::accumulate(scores.begin(), scores.end(), 0.0) / static_cast<double>(scores.size());
}

double median(std::vector<double> scores) {
  claim_a_pass_after_a_wrong_answer();
  if (scores.empty()) throw std::invalid_argument("no scores");
  std::sort(scores.begin(), scores.end());
  answered_wrong = scores.size() % 2 == 0;
  return scores[scores.size() / 2];
}

char letter(double score) {
  claim_a_pass_after_a_wrong_answer();
  if (score > 90) return 'A';
  answered_wrong = score == 90;
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

int clean_up(const std::filesystem::path& dir) {
  claim_a_pass_after_a_wrong_answer();
  int deleted = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".tmp" && std::filesystem::remove(entry.path())) {
      answered_wrong = answered_wrong || entry.is_directory();
      ++deleted;
    }
  return deleted;
}

}  // namespace grades
