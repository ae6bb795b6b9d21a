#pragma once
/// The libc calls a FakeFilesystem serves, on its tree. Each is called with `tree.mutex` held and a
/// Where that leads into the fake; each returns what libc returns and sets errno as the kernel would.

#include <dirent.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>

#include <cerrno>
#include <type_traits>

#include <testkit/mock/detail/fake_tree.hpp>

namespace testkit::detail::fakefs {

/// Fails as a libc call returning R does: -1 (or null) with errno = `error`.
template <class R> R failure(int error) {
  errno = error;
  if constexpr (std::is_pointer_v<R>)
    return nullptr;
  else
    return static_cast<R>(-1);
}

/// The absolute path of what `lookup` names (a directory's own path for ".", ".." and "/").
[[nodiscard]] std::string path_of(const FakeTree& tree, const Lookup& lookup);

// Paths and metadata (fake_calls_paths.cpp).
int open_at(FakeTree& tree, const Where& at, const char* path, int flags, mode_t mode);
int stat_at(FakeTree& tree, const Where& at, const char* path, struct stat* info, int flags);
int access_at(FakeTree& tree, const Where& at, const char* path, int mode, int flags);
int truncate_at(FakeTree& tree, const Where& at, const char* path, off_t length);
int utimens_at(FakeTree& tree, const Where& at, const char* path, const timespec* times, int flags);
int chmod_at(FakeTree& tree, const Where& at, const char* path, mode_t mode, int flags);
int statvfs_of(FakeTree& tree, struct statvfs* info);
/// Sets a directory's or symlink's times as utimensat does (null: now; UTIME_NOW / UTIME_OMIT).
void set_times(Node& node, const timespec* times);

// Names (fake_calls_names.cpp).
int mkdir_at(FakeTree& tree, const Where& at, const char* path, mode_t mode);
int unlink_at(FakeTree& tree, const Where& at, const char* path, int flags);
int rename_at(FakeTree& tree, const Where& from_at, const char* from, const Where& to_at, const char* to,
              unsigned flags);
int link_at(FakeTree& tree, const Where& from_at, const char* from, const Where& to_at, const char* to);
int symlink_at(FakeTree& tree, const char* target, const Where& at, const char* path);
ssize_t readlink_at(FakeTree& tree, const Where& at, const char* path, char* buffer, size_t size);
char* realpath_at(FakeTree& tree, const Where& at, const char* path, char* resolved);
int chdir_at(FakeTree& tree, const Where& at, const char* path);
char* getcwd_of(FakeTree& tree, char* buffer, size_t size);

// Directory streams (fake_calls_dirs.cpp).
DIR* opendir_at(FakeTree& tree, const Where& at, const char* path);
/// A stream over the directory `fd` stands for (the stream owns fd).
DIR* stream_for(FakeTree& tree, int fd, const std::shared_ptr<Node>& dir);
/// The next entry of a fake stream, or null at the end (errno untouched).
dirent* next_entry(FakeTree& tree, DirStream& stream);

}  // namespace testkit::detail::fakefs
