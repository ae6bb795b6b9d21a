// A buggy submission: the median of an even count takes the upper middle score, and 90 is a 'B'.
#include "grades.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace grades {

double mean(const std::vector<double>& scores) {
  if (scores.empty()) throw std::invalid_argument("no scores");
  return std::accumulate(scores.begin(), scores.end(), 0.0) / static_cast<double>(scores.size());
}

double median(std::vector<double> scores) {
  if (scores.empty()) throw std::invalid_argument("no scores");
  std::sort(scores.begin(), scores.end());
  return scores[scores.size() / 2];
}

char letter(double score) {
  if (score > 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

int clean_up(const std::filesystem::path& dir) {
  int deleted = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".tmp" && std::filesystem::remove(entry.path())) ++deleted;
  return deleted;
}

}  // namespace grades
