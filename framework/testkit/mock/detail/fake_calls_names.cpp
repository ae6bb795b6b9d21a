// mkdir, unlink, rmdir, rename, link, symlink, readlink, realpath, chdir and getcwd on the fake tree, with
// the kernel's errors in the kernel's order.
#include <testkit/mock/detail/fake_calls.hpp>

#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace testkit::detail::fakefs {
namespace {

bool is_special(const std::string& name) { return name == "." || name == ".." || name == "/"; }

// `inner` is `dir` or somewhere below it.
bool is_within(const Node* inner, const Node* dir, const Node* root) {
  for (const Node* node = inner; node != nullptr; node = node->parent) {
    if (node == dir) return true;
    if (node == root) return false;
  }
  return false;
}

int may_delete(const FakeTree& tree, const Lookup& found) {
  if (const int error = tree.may_change(*found.parent)) return error;
  return found.node->write_error;
}

int remove_directory(FakeTree& tree, const Lookup& found) {
  if (found.name == ".") return failure<int>(EINVAL);
  if (found.name == "..") return failure<int>(ENOTEMPTY);
  if (found.name == "/") return failure<int>(EBUSY);
  if (found.node == nullptr) return failure<int>(ENOENT);
  if (!found.node->is_dir()) return failure<int>(ENOTDIR);
  if (const int error = may_delete(tree, found)) return failure<int>(error);
  if (!found.node->entries.empty()) return failure<int>(ENOTEMPTY);
  const std::string path = path_of(tree, found);
  tree.detach(*found.parent, found.name);
  tree.log(FsEvent::Kind::removed_directory, path);
  return 0;
}

}  // namespace

int mkdir_at(FakeTree& tree, const Where& at, const char* path, mode_t mode) {
  const Lookup found = tree.resolve(at.start, path, false);
  if (found.error != 0) return failure<int>(found.error);
  if (found.node != nullptr) return failure<int>(EEXIST);
  if (const int error = tree.may_change(*found.parent)) return failure<int>(error);
  auto dir = tree.make_node(Node::Type::directory, mode & ~tree.umask_bits & 07777);
  tree.attach(*found.parent, found.name, dir);
  tree.log(FsEvent::Kind::created_directory, tree.dir_path(*dir));
  return 0;
}

int unlink_at(FakeTree& tree, const Where& at, const char* path, int flags) {
  const Lookup found = tree.resolve(at.start, path, false);
  if (found.error != 0) return failure<int>(found.error);
  if ((flags & AT_REMOVEDIR) != 0) return remove_directory(tree, found);
  if (is_special(found.name)) return failure<int>(EISDIR);
  if (found.node == nullptr) return failure<int>(ENOENT);
  if (found.node->is_dir()) return failure<int>(EISDIR);
  if (const int error = may_delete(tree, found)) return failure<int>(error);
  const std::string removed = path_of(tree, found);
  tree.detach(*found.parent, found.name);
  tree.log(FsEvent::Kind::deleted, removed);
  return 0;
}

int rename_at(FakeTree& tree, const Where& from_at, const char* from, const Where& to_at, const char* to,
              unsigned flags) {
  const bool exchange = (flags & RENAME_EXCHANGE) != 0;
  if ((flags & ~unsigned{RENAME_NOREPLACE | RENAME_EXCHANGE}) != 0 || (exchange && (flags & RENAME_NOREPLACE) != 0))
    return failure<int>(EINVAL);
  const Lookup source = tree.resolve(from_at.start, from, false);
  if (source.error != 0) return failure<int>(source.error);
  const Lookup target = tree.resolve(to_at.start, to, false);
  if (target.error != 0) return failure<int>(target.error);
  if (is_special(source.name)) return failure<int>(EBUSY);
  if (is_special(target.name)) return failure<int>((flags & RENAME_NOREPLACE) != 0 ? EEXIST : EBUSY);
  if (source.node == nullptr) return failure<int>(ENOENT);
  if ((flags & RENAME_NOREPLACE) != 0 && target.node != nullptr) return failure<int>(EEXIST);
  if (exchange && target.node == nullptr) return failure<int>(ENOENT);
  if (!source.node->is_dir() && (source.trailing_slash || target.trailing_slash)) return failure<int>(ENOTDIR);
  if (exchange && !target.node->is_dir() && target.trailing_slash) return failure<int>(ENOTDIR);
  const Node* const root = tree.root.get();
  if (source.node->is_dir() && is_within(target.parent.get(), source.node.get(), root) && source.node != target.node)
    return failure<int>(EINVAL);
  if (target.node != nullptr && target.node->is_dir() && is_within(source.parent.get(), target.node.get(), root) &&
      source.node != target.node)
    return failure<int>(exchange ? EINVAL : ENOTEMPTY);
  if (source.node == target.node) return 0;
  if (const int error = may_delete(tree, source)) return failure<int>(error);
  if (const int error = tree.may_change(*target.parent)) return failure<int>(error);
  if (!exchange && target.node != nullptr) {
    if (source.node->is_dir() && !target.node->is_dir()) return failure<int>(ENOTDIR);
    if (!source.node->is_dir() && target.node->is_dir()) return failure<int>(EISDIR);
    if (target.node->is_dir() && !target.node->entries.empty()) return failure<int>(ENOTEMPTY);
    if (target.node->write_error != 0) return failure<int>(target.node->write_error);
  }
  const std::string from_path = tree.entry_path(*source.parent, source.name);
  const std::string to_path = tree.entry_path(*target.parent, target.name);
  if (exchange) {
    tree.detach(*source.parent, source.name);
    tree.detach(*target.parent, target.name);
    tree.attach(*source.parent, source.name, target.node);
    tree.attach(*target.parent, target.name, source.node);
  } else {
    if (target.node != nullptr) tree.detach(*target.parent, target.name);
    tree.detach(*source.parent, source.name);
    tree.attach(*target.parent, target.name, source.node);
  }
  tree.log(FsEvent::Kind::renamed, from_path, to_path);
  return 0;
}

int link_at(FakeTree& tree, const Where& from_at, const char* from, const Where& to_at, const char* to) {
  const Lookup source = tree.resolve(from_at.start, from, false);
  if (source.error != 0) return failure<int>(source.error);
  if (source.node == nullptr) return failure<int>(ENOENT);
  const Lookup target = tree.resolve(to_at.start, to, false);
  if (target.error != 0) return failure<int>(target.error);
  if (target.node != nullptr) return failure<int>(EEXIST);
  if (target.trailing_slash) return failure<int>(ENOENT);
  if (const int error = tree.may_change(*target.parent)) return failure<int>(error);
  if (source.node->is_dir()) return failure<int>(EPERM);
  tree.attach(*target.parent, target.name, source.node);
  tree.log(FsEvent::Kind::created, path_of(tree, target));
  return 0;
}

int symlink_at(FakeTree& tree, const char* target, const Where& at, const char* path) {
  if (target == nullptr) return failure<int>(EFAULT);
  const Lookup found = tree.resolve(at.start, path, false);
  if (found.error != 0) return failure<int>(found.error);
  if (found.node != nullptr) return failure<int>(EEXIST);
  if (found.trailing_slash) return failure<int>(ENOENT);
  if (target[0] == '\0') return failure<int>(ENOENT);
  if (const int error = tree.may_change(*found.parent)) return failure<int>(error);
  auto link = tree.make_node(Node::Type::symlink, 0777);
  link->target = target;
  tree.attach(*found.parent, found.name, link);
  tree.log(FsEvent::Kind::created, path_of(tree, found));
  return 0;
}

ssize_t readlink_at(FakeTree& tree, const Where& at, const char* path, char* buffer, size_t size) {
  const Lookup found = tree.resolve(at.start, path, false);
  if (found.error != 0) return failure<ssize_t>(found.error);
  if (found.node == nullptr) return failure<ssize_t>(ENOENT);
  if (!found.node->is_link() || size == 0) return failure<ssize_t>(EINVAL);
  const std::size_t count = std::min(size, found.node->target.size());
  std::memcpy(buffer, found.node->target.data(), count);
  return static_cast<ssize_t>(count);
}

char* realpath_at(FakeTree& tree, const Where& at, const char* path, char* resolved) {
  const Lookup found = tree.resolve(at.start, path, true);
  if (found.error != 0) return failure<char*>(found.error);
  if (found.node == nullptr) return failure<char*>(ENOENT);
  const std::string full = path_of(tree, found);
  if (full.size() >= PATH_MAX) return failure<char*>(ENAMETOOLONG);
  if (resolved == nullptr) return ::strdup(full.c_str());
  std::memcpy(resolved, full.c_str(), full.size() + 1);
  return resolved;
}

int chdir_at(FakeTree& tree, const Where& at, const char* path) {
  const Lookup found = tree.resolve(at.start, path, true);
  if (found.error != 0) return failure<int>(found.error);
  if (found.node == nullptr) return failure<int>(ENOENT);
  if (!found.node->is_dir()) return failure<int>(ENOTDIR);
  if (found.node->denied || !tree.permits(*found.node, 1)) return failure<int>(EACCES);
  tree.cwd = found.node;
  return 0;
}

char* getcwd_of(FakeTree& tree, char* buffer, size_t size) {
  if (tree.cwd != tree.root && tree.cwd->parent == nullptr) return failure<char*>(ENOENT);
  const std::string path = tree.dir_path(*tree.cwd);
  if (buffer == nullptr) {
    if (size != 0 && size < path.size() + 1) return failure<char*>(ERANGE);
    return ::strdup(path.c_str());
  }
  if (size == 0) return failure<char*>(EINVAL);
  if (size < path.size() + 1) return failure<char*>(ERANGE);
  std::memcpy(buffer, path.c_str(), path.size() + 1);
  return buffer;
}

}  // namespace testkit::detail::fakefs
