// The FakeFilesystem's answers to calls that name paths.
#include <testkit/mock/detail/fake_handlers.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace testkit::detail::fakefs {
namespace {

// fopen's mode string as open flags, or -1 if it is invalid.
int fopen_flags(const char* mode) {
  int flags = 0;
  switch (mode[0]) {
    case 'r': flags = O_RDONLY; break;
    case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
    case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
    default: return -1;
  }
  for (const char* c = mode + 1; *c != '\0' && *c != ','; ++c) {
    if (*c == '+') flags = (flags & ~O_ACCMODE) | O_RDWR;
    if (*c == 'x') flags |= O_EXCL;
    if (*c == 'e') flags |= O_CLOEXEC;
  }
  return flags;
}

FILE* fake_fopen(FakeTree& tree, const Where& at, const char* path, const char* mode) {
  const int flags = fopen_flags(mode);
  if (flags < 0) return failure<FILE*>(EINVAL);
  const int fd = open_at(tree, at, path, flags, 0666);
  if (fd < 0) return nullptr;
  const char* const stdio_mode = (flags & O_ACCMODE) == O_RDWR ? (mode[0] == 'r'   ? "r+"
                                                                  : mode[0] == 'w' ? "w+"
                                                                                   : "a+")
                                                               : (mode[0] == 'r'   ? "r"
                                                                  : mode[0] == 'w' ? "w"
                                                                                   : "a");
  FILE* const stream = ::fdopen(fd, stdio_mode);
  if (stream == nullptr) {
    const int error = errno;
    tree.files.erase(fd);
    ::close(fd);
    return failure<FILE*>(error);
  }
  // stdio writes go through glibc's internal write, which the fake never sees: count the open as the write.
  if ((flags & O_ACCMODE) != O_RDONLY) {
    OpenFile& file = tree.files[fd];
    file.wrote = true;
    tree.log(FsEvent::Kind::written, file.path);
  }
  return stream;
}

void to_statx(const struct stat& info, struct statx* out) {
  std::memset(out, 0, sizeof *out);
  out->stx_mask = STATX_BASIC_STATS;
  out->stx_blksize = static_cast<std::uint32_t>(info.st_blksize);
  out->stx_nlink = static_cast<std::uint32_t>(info.st_nlink);
  out->stx_uid = info.st_uid;
  out->stx_gid = info.st_gid;
  out->stx_mode = static_cast<std::uint16_t>(info.st_mode);
  out->stx_ino = info.st_ino;
  out->stx_size = static_cast<std::uint64_t>(info.st_size);
  out->stx_blocks = static_cast<std::uint64_t>(info.st_blocks);
  out->stx_atime = {info.st_atim.tv_sec, static_cast<std::uint32_t>(info.st_atim.tv_nsec), 0};
  out->stx_mtime = {info.st_mtim.tv_sec, static_cast<std::uint32_t>(info.st_mtim.tv_nsec), 0};
  out->stx_ctime = {info.st_ctim.tv_sec, static_cast<std::uint32_t>(info.st_ctim.tv_nsec), 0};
  out->stx_dev_major = static_cast<std::uint32_t>(info.st_dev >> 8);
  out->stx_dev_minor = static_cast<std::uint32_t>(info.st_dev & 0xff);
}

}  // namespace

void install_path_handlers(PatchScope& scope, const void* owner, const std::shared_ptr<FakeTree>& tree) {
  using F = Function;
  // Each handler keeps the tree alive; `t` is its shorthand.
  install<F::open>(scope, owner, [tree, &t = *tree](const char* p, int flags, mode_t mode) {
    return serve<F::open>(
        t, AT_FDCWD, p, [&](const Where& at) { return open_at(t, at, p, flags, mode); }, p, flags, mode);
  });
  install<F::openat>(scope, owner, [tree, &t = *tree](int dirfd, const char* p, int flags, mode_t mode) {
    return serve<F::openat>(
        t, dirfd, p, [&](const Where& at) { return open_at(t, at, p, flags, mode); }, dirfd, p, flags, mode);
  });
  install<F::creat>(scope, owner, [tree, &t = *tree](const char* p, mode_t mode) {
    return serve<F::creat>(
        t, AT_FDCWD, p, [&](const Where& at) { return open_at(t, at, p, O_CREAT | O_WRONLY | O_TRUNC, mode); }, p,
        mode);
  });
  install<F::fopen>(scope, owner, [tree, &t = *tree](const char* p, const char* mode) {
    return serve<F::fopen>(
        t, AT_FDCWD, p, [&](const Where& at) { return fake_fopen(t, at, p, mode); }, p, mode);
  });
  install<F::stat>(scope, owner, [tree, &t = *tree](const char* p, struct stat* info) {
    return serve<F::stat>(
        t, AT_FDCWD, p, [&](const Where& at) { return stat_at(t, at, p, info, 0); }, p, info);
  });
  install<F::lstat>(scope, owner, [tree, &t = *tree](const char* p, struct stat* info) {
    return serve<F::lstat>(
        t, AT_FDCWD, p, [&](const Where& at) { return stat_at(t, at, p, info, AT_SYMLINK_NOFOLLOW); }, p, info);
  });
  install<F::fstatat>(scope, owner, [tree, &t = *tree](int dirfd, const char* p, struct stat* info, int flags) {
    return serve<F::fstatat>(
        t, dirfd, p, [&](const Where& at) { return stat_at(t, at, p, info, flags); }, dirfd, p, info, flags);
  });
  install<F::statx>(scope, owner,
                    [tree, &t = *tree](int dirfd, const char* p, int flags, unsigned mask, struct statx* out) {
                      return serve<F::statx>(
                          t, dirfd, p,
                          [&](const Where& at) {
                            struct stat info {};
                            if (stat_at(t, at, p, &info, flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) return -1;
                            to_statx(info, out);
                            return 0;
                          },
                          dirfd, p, flags, mask, out);
                    });
  install<F::access>(scope, owner, [tree, &t = *tree](const char* p, int mode) {
    return serve<F::access>(
        t, AT_FDCWD, p, [&](const Where& at) { return access_at(t, at, p, mode, 0); }, p, mode);
  });
  install<F::faccessat>(scope, owner, [tree, &t = *tree](int dirfd, const char* p, int mode, int flags) {
    return serve<F::faccessat>(
        t, dirfd, p, [&](const Where& at) { return access_at(t, at, p, mode, flags); }, dirfd, p, mode, flags);
  });
  install<F::truncate>(scope, owner, [tree, &t = *tree](const char* p, off_t length) {
    return serve<F::truncate>(
        t, AT_FDCWD, p, [&](const Where& at) { return truncate_at(t, at, p, length); }, p, length);
  });
  install<F::utimensat>(scope, owner, [tree, &t = *tree](int dirfd, const char* p, const timespec* times, int flags) {
    if (p == nullptr) {  // futimens: a placeholder directory descriptor keeps its times on the node
      std::unique_lock lock(t.mutex);
      OpenFile* const file = t.open_file(dirfd);
      if (file == nullptr || !file->node->is_dir()) {
        lock.unlock();
        return call_real<F::utimensat>(dirfd, p, times, flags);
      }
      set_times(*file->node, times);
      return 0;
    }
    return serve<F::utimensat>(
        t, dirfd, p, [&](const Where& at) { return utimens_at(t, at, p, times, flags); }, dirfd, p, times, flags);
  });
  install<F::chmod>(scope, owner, [tree, &t = *tree](const char* p, mode_t mode) {
    return serve<F::chmod>(
        t, AT_FDCWD, p, [&](const Where& at) { return chmod_at(t, at, p, mode, 0); }, p, mode);
  });
  install<F::fchmodat>(scope, owner, [tree, &t = *tree](int dirfd, const char* p, mode_t mode, int flags) {
    return serve<F::fchmodat>(
        t, dirfd, p, [&](const Where& at) { return chmod_at(t, at, p, mode, flags); }, dirfd, p, mode, flags);
  });
  install<F::statvfs>(scope, owner, [tree, &t = *tree](const char* p, struct statvfs* info) {
    return serve<F::statvfs>(
        t, AT_FDCWD, p,
        [&](const Where& at) {
          struct stat ignored {};
          if (stat_at(t, at, p, &ignored, 0) != 0) return -1;
          return statvfs_of(t, info);
        },
        p, info);
  });
  install<F::opendir>(scope, owner, [tree, &t = *tree](const char* p) {
    return serve<F::opendir>(
        t, AT_FDCWD, p, [&](const Where& at) { return opendir_at(t, at, p); }, p);
  });
  install<F::mkdir>(scope, owner, [tree, &t = *tree](const char* p, mode_t mode) {
    return serve<F::mkdir>(
        t, AT_FDCWD, p, [&](const Where& at) { return mkdir_at(t, at, p, mode); }, p, mode);
  });
  install<F::mkdirat>(scope, owner, [tree, &t = *tree](int dirfd, const char* p, mode_t mode) {
    return serve<F::mkdirat>(
        t, dirfd, p, [&](const Where& at) { return mkdir_at(t, at, p, mode); }, dirfd, p, mode);
  });
  install<F::rmdir>(scope, owner, [tree, &t = *tree](const char* p) {
    return serve<F::rmdir>(
        t, AT_FDCWD, p, [&](const Where& at) { return unlink_at(t, at, p, AT_REMOVEDIR); }, p);
  });
  install<F::unlink>(scope, owner, [tree, &t = *tree](const char* p) {
    return serve<F::unlink>(
        t, AT_FDCWD, p, [&](const Where& at) { return unlink_at(t, at, p, 0); }, p);
  });
  install<F::unlinkat>(scope, owner, [tree, &t = *tree](int dirfd, const char* p, int flags) {
    return serve<F::unlinkat>(
        t, dirfd, p, [&](const Where& at) { return unlink_at(t, at, p, flags); }, dirfd, p, flags);
  });
  install<F::remove>(scope, owner, [tree, &t = *tree](const char* p) {
    // glibc's remove: unlink, and rmdir if that says it is a directory.
    return serve<F::remove>(
        t, AT_FDCWD, p,
        [&](const Where& at) {
          if (unlink_at(t, at, p, 0) == 0) return 0;
          if (errno != EISDIR) return -1;
          return unlink_at(t, at, p, AT_REMOVEDIR);
        },
        p);
  });
  install<F::rename>(scope, owner, [tree, &t = *tree](const char* from, const char* to) {
    return serve_pair<F::rename>(
        t, AT_FDCWD, from, AT_FDCWD, to,
        [&](const Where& a, const Where& b) { return rename_at(t, a, from, b, to, 0); }, from, to);
  });
  install<F::renameat>(scope, owner,
                       [tree, &t = *tree](int from_dirfd, const char* from, int to_dirfd, const char* to) {
                         return serve_pair<F::renameat>(
                             t, from_dirfd, from, to_dirfd, to,
                             [&](const Where& a, const Where& b) { return rename_at(t, a, from, b, to, 0); },
                             from_dirfd, from, to_dirfd, to);
                       });
  install<F::renameat2>(
      scope, owner, [tree, &t = *tree](int from_dirfd, const char* from, int to_dirfd, const char* to, unsigned flags) {
        return serve_pair<F::renameat2>(
            t, from_dirfd, from, to_dirfd, to,
            [&](const Where& a, const Where& b) { return rename_at(t, a, from, b, to, flags); }, from_dirfd, from,
            to_dirfd, to, flags);
      });
  install<F::link>(scope, owner, [tree, &t = *tree](const char* from, const char* to) {
    return serve_pair<F::link>(
        t, AT_FDCWD, from, AT_FDCWD, to, [&](const Where& a, const Where& b) { return link_at(t, a, from, b, to); },
        from, to);
  });
  install<F::symlink>(scope, owner, [tree, &t = *tree](const char* target, const char* p) {
    return serve<F::symlink>(
        t, AT_FDCWD, p, [&](const Where& at) { return symlink_at(t, target, at, p); }, target, p);
  });
  install<F::readlink>(scope, owner, [tree, &t = *tree](const char* p, char* buffer, size_t size) {
    return serve<F::readlink>(
        t, AT_FDCWD, p, [&](const Where& at) { return readlink_at(t, at, p, buffer, size); }, p, buffer, size);
  });
  install<F::realpath>(scope, owner, [tree, &t = *tree](const char* p, char* resolved) {
    if (p == nullptr) return failure<char*>(EINVAL);
    return serve<F::realpath>(
        t, AT_FDCWD, p, [&](const Where& at) { return realpath_at(t, at, p, resolved); }, p, resolved);
  });
  install<F::chdir>(scope, owner, [tree, &t = *tree](const char* p) {
    return serve<F::chdir>(
        t, AT_FDCWD, p, [&](const Where& at) { return chdir_at(t, at, p); }, p);
  });
}

}  // namespace testkit::detail::fakefs
