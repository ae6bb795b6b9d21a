// A submission that cannot even start: a global object whose constructor throws, so the test binary ends with
// std::terminate (SIGABRT) before main() and runs no test. It scores 0, with the error as its output.
#include "grades.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace grades {
namespace {

struct Settings {
  Settings() { throw std::runtime_error("grades.ini not found"); }
};

const Settings settings;  // constructed before main()

}  // namespace

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
  int deleted = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".tmp" && std::filesystem::remove(entry.path()))
      ++deleted;
  return deleted;
}

}  // namespace grades
