#pragma once
/// Which paths a MockFilesystem watches, and where the path arguments of a libc call point.

#include <fcntl.h>

#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <testkit/mock/targets.hpp>

namespace testkit::detail {

/// One path argument of a call: its index, and the index of the directory descriptor a relative path is
/// relative to (-1: the current directory).
struct PathArgument {
  int path = -1;  ///< -1: no argument
  int dirfd = -1;
};

/// The path arguments of `function` (one of TK_INTERPOSED_PATH_FUNCTIONS): where it reads or changes the tree.
/// A symlink's target and fopen's mode are text, not paths.
[[nodiscard]] constexpr std::array<PathArgument, 2> path_arguments(Function function) {
  switch (function) {
    case Function::openat:
    case Function::fstatat:
    case Function::statx:
    case Function::faccessat:
    case Function::utimensat:
    case Function::fchmodat:
    case Function::mkdirat:
    case Function::unlinkat: return {{{1, 0}, {}}};
    case Function::renameat:
    case Function::renameat2: return {{{1, 0}, {3, 2}}};
    case Function::rename:
    case Function::link: return {{{0, -1}, {1, -1}}};
    case Function::symlink: return {{{1, -1}, {}}};
    default: return {{{0, -1}, {}}};
  }
}

/// `path` as an absolute, lexically normal path (no "." or ".." parts, no trailing '/'); symlinks are not
/// followed. A relative path is placed under `dirfd`: AT_FDCWD means the current directory as the handlers
/// below the running one see it (a FakeFilesystem's), another descriptor what /proc/self/fd says of it. A
/// null or empty path is the descriptor itself. "" when it cannot be placed.
[[nodiscard]] std::string absolute_path(int dirfd, const char* path);

/// Argument K of the call `arguments` to `F` as absolute_path places it, or "" if `F` has no such argument.
template <Function F, std::size_t K, class... Args>
[[nodiscard]] std::string path_argument(const std::tuple<Args...>& arguments) {
  constexpr PathArgument which = path_arguments(F)[K];
  if constexpr (which.path < 0) {
    return {};
  } else {
    int dirfd = AT_FDCWD;
    if constexpr (which.dirfd >= 0) dirfd = std::get<which.dirfd>(arguments);
    return absolute_path(dirfd, std::get<which.path>(arguments));
  }
}

/// The path prefixes a MockFilesystem watches. Thread-safe: the test adds prefixes while calls consult them.
class WatchedPaths {
 public:
  /// Watches `prefix` and everything under it; `prefix` is absolute (absolute_path's form).
  void add(std::string prefix);
  /// True until the first add(): the mock then sees every call.
  [[nodiscard]] bool empty() const;
  /// The watched prefix that `path` (absolute_path's form) is or lies under, or "" (a prefix "/data" covers
  /// "/data" and "/data/a", not "/database").
  [[nodiscard]] std::string covering(std::string_view path) const;
  /// The prefixes, in the order they were added.
  [[nodiscard]] std::vector<std::string> prefixes() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> prefixes_;
};

}  // namespace testkit::detail
