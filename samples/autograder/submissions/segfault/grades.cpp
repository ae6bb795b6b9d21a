// A submission that crashes: mean() reads through a null pointer when there are no scores.
#include "grades.hpp"

#include <algorithm>
#include <stdexcept>

namespace grades {

double mean(const std::vector<double>& scores) {
  const double* first = scores.empty() ? nullptr : scores.data();
  double sum = *first;  // no check for an empty list
  for (std::size_t i = 1; i < scores.size(); ++i) sum += scores[i];
  return sum / static_cast<double>(scores.size());
}

double median(std::vector<double> scores) {
  if (scores.empty()) throw std::invalid_argument("no scores");
  std::sort(scores.begin(), scores.end());
  const std::size_t middle = scores.size() / 2;
  return scores.size() % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2;
}

char letter(double score) {
  return score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : score >= 60 ? 'D' : 'F';
}

int clean_up(const std::filesystem::path& dir) {
  int deleted = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".tmp") deleted += std::filesystem::remove(entry);
  return deleted;
}

}  // namespace grades
