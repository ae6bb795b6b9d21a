#include <testkit/core/executable_search.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace testkit::detail {
namespace {

bool is_executable_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

std::string find_executable(std::string_view name, std::string_view path, EmptyPathEntry empty) {
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t end = std::min(path.find(':', start), path.size());
    const std::string_view directory = path.substr(start, end - start);
    start = end + 1;
    if (directory.empty() && empty == EmptyPathEntry::skipped) continue;
    std::string candidate = (directory.empty() ? std::string(".") : std::string(directory)) + "/" + std::string(name);
    if (is_executable_file(candidate)) return candidate;
  }
  return {};
}

}  // namespace testkit::detail
