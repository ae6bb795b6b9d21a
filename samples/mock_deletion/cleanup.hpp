#pragma once
// The student's code under test: deletes the temporary files of a job.

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace student {

/// Deletes every "*.tmp" file directly in `dir`; returns the names it could not delete.
inline std::vector<std::string> cleanup(const std::filesystem::path& dir) {
  std::vector<std::string> failed;
  std::vector<std::filesystem::path> doomed;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".tmp") doomed.push_back(entry.path());
  for (const auto& path : doomed) {
    std::error_code error;
    if (!std::filesystem::remove(path, error)) failed.push_back(path.filename().string());
  }
  return failed;
}

}  // namespace student
