// A submission that loops forever: letter() of a failing score never finds its bar.
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
  const std::size_t middle = scores.size() / 2;
  return scores.size() % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2;
}

char letter(double score) {
  char grade = 'A';
  double bar = 90;
  while (score < bar) {
    if (grade < 'D') {  // forgets 'F': below 60 the bar stops moving and the loop never ends
      ++grade;
      bar -= 10;
    }
  }
  return grade;
}

int clean_up(const std::filesystem::path& dir) {
  int deleted = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".tmp" && std::filesystem::remove(entry.path()))
      ++deleted;
  return deleted;
}

}  // namespace grades
