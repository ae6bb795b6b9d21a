#include <testkit/mock/detail/watched_paths.hpp>

#include <climits>
#include <filesystem>
#include <string>

#include <testkit/interpose/dispatch.hpp>

namespace testkit::detail {
namespace {

// The directory a descriptor names, as the kernel reports it; "" for one that is not a path (a socket, a
// FakeFilesystem's placeholder memfd reads "/memfd:...", which no test watches).
std::string descriptor_path(int fd) {
  const std::string link = "/proc/self/fd/" + std::to_string(fd);
  char target[PATH_MAX];
  const ssize_t length = call_real<Function::readlink>(link.c_str(), target, sizeof target);
  if (length <= 0 || target[0] != '/') return {};
  return std::string(target, static_cast<std::size_t>(length));
}

// The current directory as the code under test sees it: a FakeFilesystem below the running handler
// answers for its tree.
std::string current_directory() {
  char buffer[PATH_MAX];
  const char* const cwd = call_next<Function::getcwd>(buffer, sizeof buffer);
  return cwd == nullptr ? std::string() : std::string(cwd);
}

std::string normal(const std::string& absolute) {
  std::string path = std::filesystem::path(absolute).lexically_normal().native();
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

std::string absolute_path(int dirfd, const char* path) {
  if (path == nullptr || path[0] == '\0') return dirfd == AT_FDCWD ? std::string() : normal(descriptor_path(dirfd));
  if (path[0] == '/') return normal(path);
  const std::string base = dirfd == AT_FDCWD ? current_directory() : descriptor_path(dirfd);
  if (base.empty()) return {};
  return normal(base + "/" + path);
}

void WatchedPaths::add(std::string prefix) {
  const std::lock_guard lock(mutex_);
  prefixes_.push_back(std::move(prefix));
}

bool WatchedPaths::empty() const {
  const std::lock_guard lock(mutex_);
  return prefixes_.empty();
}

std::string WatchedPaths::covering(std::string_view path) const {
  if (path.empty()) return {};
  const std::lock_guard lock(mutex_);
  for (const std::string& prefix : prefixes_) {
    if (prefix == "/" || path == prefix) return prefix;
    if (path.starts_with(prefix) && path[prefix.size()] == '/') return prefix;
  }
  return {};
}

std::vector<std::string> WatchedPaths::prefixes() const {
  const std::lock_guard lock(mutex_);
  return prefixes_;
}

}  // namespace testkit::detail
