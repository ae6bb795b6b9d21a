#include <testkit/run/test_binaries.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace testkit {
namespace {

namespace fs = std::filesystem;

// The last `count` parts of `path` joined by '/' (all of them when it has fewer).
std::string last_parts(const fs::path& path, std::size_t count) {
  std::vector<std::string> parts;
  for (const fs::path& part : path.relative_path()) parts.push_back(part.string());
  const std::size_t first = parts.size() > count ? parts.size() - count : 0;
  std::string joined;
  for (std::size_t i = first; i < parts.size(); ++i) joined += (joined.empty() ? "" : "/") + parts[i];
  return joined;
}

// The shortest tail of paths[index] that no other of `paths` ends in; the paths differ, so the whole path is one.
std::string distinct_name(const std::vector<fs::path>& paths, std::size_t index) {
  const auto parts = static_cast<std::size_t>(std::ranges::distance(paths[index].relative_path()));
  std::string name;
  for (std::size_t count = 1; count <= parts; ++count) {
    name = last_parts(paths[index], count);
    bool shared = false;
    for (std::size_t other = 0; other < paths.size(); ++other)
      shared = shared || (other != index && last_parts(paths[other], count) == name);
    if (!shared) break;
  }
  return name;
}

}  // namespace

std::string find_test_binaries(std::span<const char* const> given, std::vector<TestBinary>& binaries) {
  std::vector<fs::path> paths;
  for (const char* argument : given) {
    std::error_code error;
    const fs::path path = fs::canonical(argument, error);
    if (error) return fmt::format("cannot run the test binary {}: {}", argument, error.message());
    if (!fs::is_regular_file(path, error) || ::access(path.c_str(), X_OK) != 0)
      return fmt::format("cannot run the test binary {}: not an executable file", argument);
    if (std::ranges::find(paths, path) != paths.end())
      return fmt::format("the test binary {} is given twice", argument);
    paths.push_back(path);
  }
  for (std::size_t index = 0; index < paths.size(); ++index)
    binaries.push_back({.path = paths[index].string(), .name = distinct_name(paths, index)});
  return {};
}

void name_after_binary(const TestBinary& binary, std::deque<TestInfo>& tests) {
  for (TestInfo& test : tests) test.suite = binary.name + ":" + test.suite;
}

}  // namespace testkit
