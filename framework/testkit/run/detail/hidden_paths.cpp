#include <testkit/run/detail/hidden_paths.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace testkit::detail {
namespace {

namespace fs = std::filesystem;

// Whether `path` is `ancestor` or lies beneath it (both lexically normal and absolute).
bool is_within(const fs::path& path, const fs::path& ancestor) {
  const auto [mismatch, _] = std::mismatch(ancestor.begin(), ancestor.end(), path.begin(), path.end());
  return mismatch == ancestor.end();
}

}  // namespace

std::vector<ReadableRoot> readable_roots(const std::vector<std::string>& hidden) {
  std::vector<fs::path> tops;  // the hidden paths that lie beneath no other: hiding those hides the rest
  for (const std::string& text : hidden) tops.push_back(fs::path(text).lexically_normal());
  std::ranges::sort(tops);
  std::erase_if(tops, [&](const fs::path& path) {
    return std::ranges::any_of(tops, [&](const fs::path& other) { return other != path && is_within(path, other); });
  });
  if (tops.empty()) return {{.path = "/", .is_directory = true}};
  if (std::ranges::any_of(tops, [](const fs::path& top) { return top == top.root_path(); })) return {};

  std::set<fs::path> on_the_way;
  for (const fs::path& top : tops)
    for (fs::path dir = top.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      on_the_way.insert(dir);
      if (dir == dir.root_path()) break;
    }
  std::vector<ReadableRoot> roots;
  for (const fs::path& dir : on_the_way) {
    std::error_code error;
    for (fs::directory_iterator entry(dir, error), end; !error && entry != end; entry.increment(error)) {
      const fs::path& path = entry->path();
      if (on_the_way.contains(path) || std::ranges::find(tops, path) != tops.end()) continue;
      std::error_code status_error;
      const fs::file_status status = entry->symlink_status(status_error);
      if (status_error || fs::is_symlink(status)) continue;
      roots.push_back({.path = path.string(), .is_directory = fs::is_directory(status)});
    }
  }
  return roots;
}

}  // namespace testkit::detail
