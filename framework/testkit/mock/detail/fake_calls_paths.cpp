// open, stat, access, truncate, utimensat, chmod and statvfs on the fake tree.
#include <testkit/mock/detail/fake_calls.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <string>

namespace testkit::detail::fakefs {
namespace {

int want_of(int flags) {
  const int access = flags & O_ACCMODE;
  int want = access == O_RDONLY ? 4 : access == O_WRONLY ? 2 : 6;
  if ((flags & O_TRUNC) != 0) want |= 2;
  return want;
}

// Opens an existing node as open() would, or returns -errno.
int open_existing(FakeTree& tree, const std::shared_ptr<Node>& node, const std::string& path, int flags) {
  if ((flags & O_CREAT) != 0 && (flags & O_EXCL) != 0) return -EEXIST;
  if (node->is_link()) return -ELOOP;  // O_NOFOLLOW on a symlink
  if (node->denied) return -EACCES;
  if ((flags & O_DIRECTORY) != 0 && !node->is_dir()) return -ENOTDIR;
  const bool path_only = (flags & O_PATH) != 0;
  if (node->is_dir()) {
    if (!path_only && ((want_of(flags) & 2) != 0 || (flags & O_CREAT) != 0)) return -EISDIR;
    if (!path_only && !tree.permits(*node, 4)) return -EACCES;
    const int fd = tree.open_directory_fd(node, path, flags);
    return fd >= 0 ? fd : -errno;
  }
  if (!path_only) {
    const int want = want_of(flags);
    if ((want & 2) != 0 && node->write_error != 0) return -node->write_error;
    if (!tree.permits(*node, want)) return -EACCES;
  }
  return 0;
}

}  // namespace

std::string path_of(const FakeTree& tree, const Lookup& lookup) {
  if (lookup.node != nullptr && lookup.node->is_dir()) return tree.dir_path(*lookup.node);
  return tree.entry_path(*lookup.parent, lookup.name);
}

int open_at(FakeTree& tree, const Where& at, const char* path, int flags, mode_t mode) {
  if ((flags & O_TMPFILE) == O_TMPFILE) return failure<int>(EOPNOTSUPP);
  const bool exclusive = (flags & O_CREAT) != 0 && (flags & O_EXCL) != 0;
  const Lookup found = tree.resolve(at.start, path, (flags & O_NOFOLLOW) == 0 && !exclusive);
  if (found.error != 0) return failure<int>(found.error);
  std::shared_ptr<Node> node = found.node;
  const std::string absolute = path_of(tree, found);
  if (node != nullptr) {
    const int opened = open_existing(tree, node, absolute, flags);
    if (opened != 0) return opened > 0 ? opened : failure<int>(-opened);
  } else {
    if ((flags & O_CREAT) == 0) return failure<int>(ENOENT);
    if (found.trailing_slash) return failure<int>(EISDIR);
    if (const int error = tree.may_change(*found.parent)) return failure<int>(error);
    node = tree.make_node(Node::Type::regular, mode & ~tree.umask_bits);
    if (node->memfd < 0) return -1;
    tree.attach(*found.parent, found.name, node);
    tree.log(FsEvent::Kind::created, absolute);
  }
  // A fresh open of the memfd: its own offset, and O_TRUNC / O_APPEND done by the kernel.
  const std::string proc = "/proc/self/fd/" + std::to_string(node->memfd);
  const int fd = ::open(proc.c_str(), flags & ~(O_CREAT | O_EXCL | O_NOFOLLOW | O_DIRECTORY | O_NOCTTY));
  if (fd < 0) return -1;
  tree.remember(fd, node, absolute);
  return fd;
}

int stat_at(FakeTree& tree, const Where& at, const char* path, struct stat* info, int flags) {
  if (path[0] == '\0') {
    if ((flags & AT_EMPTY_PATH) == 0) return failure<int>(ENOENT);
    tree.fill_stat(*at.start, info);
    return 0;
  }
  const Lookup found = tree.resolve(at.start, path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
  if (found.error != 0) return failure<int>(found.error);
  if (found.node == nullptr) return failure<int>(ENOENT);
  if (found.node->denied) return failure<int>(EACCES);
  tree.fill_stat(*found.node, info);
  return 0;
}

int access_at(FakeTree& tree, const Where& at, const char* path, int mode, int flags) {
  const Lookup found = tree.resolve(at.start, path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
  if (found.error != 0) return failure<int>(found.error);
  if (found.node == nullptr) return failure<int>(ENOENT);
  if (found.node->denied) return failure<int>(EACCES);
  if (mode == F_OK) return 0;
  if ((mode & W_OK) != 0 && found.node->write_error != 0) return failure<int>(found.node->write_error);
  if (!tree.permits(*found.node, mode & 7)) return failure<int>(EACCES);
  return 0;
}

int truncate_at(FakeTree& tree, const Where& at, const char* path, off_t length) {
  const Lookup found = tree.resolve(at.start, path, true);
  if (found.error != 0) return failure<int>(found.error);
  if (found.node == nullptr) return failure<int>(ENOENT);
  if (found.node->is_dir()) return failure<int>(EISDIR);
  if (length < 0) return failure<int>(EINVAL);
  if (found.node->denied) return failure<int>(EACCES);
  if (found.node->write_error != 0) return failure<int>(found.node->write_error);
  if (!tree.permits(*found.node, 2)) return failure<int>(EACCES);
  if (::ftruncate(found.node->memfd, length) != 0) return -1;
  tree.log(FsEvent::Kind::written, path_of(tree, found));
  return 0;
}

void set_times(Node& node, const timespec* times) {
  const timespec current = now();
  if (times == nullptr) {
    node.atime = node.mtime = current;
  } else {
    if (times[0].tv_nsec != UTIME_OMIT) node.atime = times[0].tv_nsec == UTIME_NOW ? current : times[0];
    if (times[1].tv_nsec != UTIME_OMIT) node.mtime = times[1].tv_nsec == UTIME_NOW ? current : times[1];
  }
  node.ctime = current;
}

int utimens_at(FakeTree& tree, const Where& at, const char* path, const timespec* times, int flags) {
  const Lookup found = tree.resolve(at.start, path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
  if (found.error != 0) return failure<int>(found.error);
  if (found.node == nullptr) return failure<int>(ENOENT);
  Node& node = *found.node;
  if (node.denied) return failure<int>(EACCES);
  if (node.write_error != 0) return failure<int>(node.write_error);
  if (tree.euid != 0 && node.uid != tree.euid) return failure<int>(times == nullptr ? EACCES : EPERM);
  if (node.is_file()) return ::futimens(node.memfd, times);
  set_times(node, times);
  return 0;
}

int chmod_at(FakeTree& tree, const Where& at, const char* path, mode_t mode, int flags) {
  const Lookup found = tree.resolve(at.start, path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
  if (found.error != 0) return failure<int>(found.error);
  if (found.node == nullptr) return failure<int>(ENOENT);
  Node& node = *found.node;
  if (node.is_link()) return failure<int>(EOPNOTSUPP);
  if (node.denied) return failure<int>(EACCES);
  if (node.write_error != 0) return failure<int>(node.write_error);
  if (tree.euid != 0 && node.uid != tree.euid) return failure<int>(EPERM);
  node.mode = mode & 07777;
  node.ctime = now();
  return 0;
}

int statvfs_of(FakeTree& tree, struct statvfs* info) {
  constexpr std::uintmax_t block = 4096;
  constexpr std::uintmax_t unlimited = std::uintmax_t{1} << 40;
  *info = {};
  const std::uintmax_t total = tree.capacity.value_or(unlimited);
  const std::uintmax_t free = tree.capacity ? tree.room() : unlimited - std::min(unlimited, tree.used_bytes());
  info->f_bsize = info->f_frsize = block;
  info->f_blocks = total / block;
  info->f_bfree = info->f_bavail = free / block;
  info->f_files = info->f_ffree = info->f_favail = 1u << 20;
  info->f_fsid = tree.device;
  info->f_namemax = 255;
  return 0;
}

}  // namespace testkit::detail::fakefs
