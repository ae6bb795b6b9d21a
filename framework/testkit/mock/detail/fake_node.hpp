#pragma once
/// The fake filesystem's tree: nodes (directory, regular file, symlink) and what a path lookup finds.

#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <map>
#include <memory>
#include <string>

namespace testkit::detail::fakefs {

/// One inode of the fake tree. Directory entries share nodes, so a hard link is a second entry.
struct Node {
  enum class Type { directory, regular, symlink };

  Node(Type type_, mode_t mode_, ino_t ino_);
  ~Node();  ///< closes the regular file's memfd
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  Type type;
  mode_t mode;  ///< permission bits only (07777)
  uid_t uid = 0;
  gid_t gid = 0;
  ino_t ino;
  nlink_t links = 0;   ///< entries naming it; a directory counts its "." and its subdirectories' ".."
  int memfd = -1;      ///< regular files: the bytes live here (the kernel keeps size and times)
  std::string target;  ///< symlinks
  std::map<std::string, std::shared_ptr<Node>> entries;  ///< directories, sorted by name
  Node* parent = nullptr;              ///< directories: the one containing it (root: itself; removed: null)
  std::string name;                    ///< directories: their entry name in `parent`
  timespec atime{}, mtime{}, ctime{};  ///< directories and symlinks (files: the memfd's)
  int write_error = 0;                 ///< EROFS (make_read_only) or EACCES (imported real files): writes fail with it
  bool denied = false;                 ///< deny_access: every operation on it or through it fails with EACCES

  [[nodiscard]] bool is_dir() const { return type == Type::directory; }
  [[nodiscard]] bool is_file() const { return type == Type::regular; }
  [[nodiscard]] bool is_link() const { return type == Type::symlink; }
  /// The st_mode file type bits of this node.
  [[nodiscard]] mode_t type_bits() const;
  /// Stamps mtime and ctime with the current time (a directory's entries changed).
  void touch();
};

/// What resolving a path found: the directory holding the last component and the node it names (if any).
struct Lookup {
  int error = 0;                 ///< errno when the path cannot be resolved (then nothing else is set)
  std::shared_ptr<Node> parent;  ///< the directory the last component is looked up in
  std::string name;              ///< the last component ("." or ".." possible; "/" for the root itself)
  std::shared_ptr<Node> node;    ///< what the path names; null when the last component does not exist
  bool trailing_slash = false;   ///< the path ended in '/' (the name must be a directory)
};

/// The current time as the kernel stamps it.
[[nodiscard]] timespec now();

}  // namespace testkit::detail::fakefs
