// A submission that does not compile: a missing semicolon and an undeclared name.
#include "grades.hpp"

namespace grades {

double mean(const std::vector<double>& scores) {
  double sum = 0 for (double score : scores) sum += score;
  return sum / scores.size();
}

double median(std::vector<double> scores) { return sorted(scores)[scores.size() / 2]; }

char letter(double score) { return score >= 90 ? 'A' : 'F'; }

int clean_up(const std::filesystem::path&) { return 0; }

}  // namespace grades
