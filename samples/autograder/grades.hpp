#pragma once
// The assignment every submission implements: statistics of a class's scores, letter grades, and cleaning the
// temporary files of a grading run.

#include <filesystem>
#include <vector>

namespace grades {

/// The arithmetic mean. Throws std::invalid_argument for no scores.
[[nodiscard]] double mean(const std::vector<double>& scores);

/// The median (the mean of the two middle scores for an even count). Throws std::invalid_argument for no scores.
[[nodiscard]] double median(std::vector<double> scores);

/// 'A' from 90, 'B' from 80, 'C' from 70, 'D' from 60, else 'F'.
[[nodiscard]] char letter(double score);

/// Deletes the files of `dir` whose names end in ".tmp" (not in subdirectories) and nothing else; returns how
/// many it deleted.
int clean_up(const std::filesystem::path& dir);

}  // namespace grades
