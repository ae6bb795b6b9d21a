#pragma once
/// The state of one FakeFilesystem. Its members are used with `mutex` held, inside handlers (patches
/// bypassed) or the FakeFilesystem's own methods (which bypass them too), so their libc calls reach the kernel.

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <testkit/mock/detail/fake_node.hpp>
#include <testkit/mock/fake_filesystem.hpp>
#include <testkit/mock/targets.hpp>

namespace testkit::detail::fakefs {

/// A descriptor the fake handed out: the real fd's identity (to notice reuse after an fclose the
/// interposer did not see) and the node it stands for.
struct OpenFile {
  std::shared_ptr<Node> node;
  dev_t real_dev = 0;
  ino_t real_ino = 0;
  std::string path;    ///< absolute path at open time (for the event log)
  bool wrote = false;  ///< a `written` event was logged for this open
};

/// A directory stream handed out as DIR*. glibc's dirfd() reads the first int of its DIR, so `fd` is first.
struct DirStream {
  int fd = -1;
  std::shared_ptr<Node> dir;
  int position = 0;  ///< 0: ".", 1: "..", then 2 + index into `listed`
  /// The entries as the first readdir found them: glibc reads a small directory in one getdents, so
  /// entries added or removed later do not change what the stream returns.
  std::vector<std::pair<std::string, std::shared_ptr<Node>>> listed;
  dirent entry{};
};

/// Where a path argument leads: the fake (a start directory and the absolute lexical path) or the real disk.
struct Where {
  bool real = false;
  int error = 0;                ///< a bad dirfd (EBADF/ENOTDIR)
  std::shared_ptr<Node> start;  ///< the directory a relative path starts from
  std::string absolute;         ///< lexically normal absolute path (for pass-through, faults and events)
};

/// One injected failure: `functions` on `path` fail with `error`.
struct FaultRule {
  Target target;
  std::string path;
  int error;
};

class FakeTree {
 public:
  FakeTree();
  ~FakeTree();
  FakeTree(const FakeTree&) = delete;
  FakeTree& operator=(const FakeTree&) = delete;

  std::mutex mutex;

  // --- Locked helpers (callers hold `mutex`) -----------------------------------------------------
  /// Where (dirfd, path) leads; a null path is EFAULT.
  [[nodiscard]] Where where(int dirfd, const char* path);
  /// Resolves `path` from `start`; `follow` follows a symlink in the last component. The test's own
  /// inspection and setup pass `as_test` (deny_access does not apply to them).
  [[nodiscard]] Lookup resolve(const std::shared_ptr<Node>& start, std::string_view path, bool follow,
                               bool as_test = false);
  /// The absolute path of a directory node ("/" for the root).
  [[nodiscard]] std::string dir_path(const Node& dir) const;
  /// The absolute path of `name` in `dir`.
  [[nodiscard]] std::string entry_path(const Node& dir, std::string_view name) const;
  /// The node kind's permission check as the kernel does it for the euid (4 read, 2 write, 1 search/exec).
  [[nodiscard]] bool permits(const Node& node, int want) const;
  /// The errno for creating or deleting an entry of `dir`, or 0.
  [[nodiscard]] int may_change(const Node& dir) const;
  /// The injected errno for `function` on `absolute`, or 0.
  [[nodiscard]] int injected(Function function, const std::string& absolute) const;
  /// Makes a node of `type` owned by the euid.
  [[nodiscard]] std::shared_ptr<Node> make_node(Node::Type type, mode_t mode);
  /// Links `node` as `name` in `dir` (updates link counts and times).
  void attach(Node& dir, const std::string& name, const std::shared_ptr<Node>& node);
  /// Unlinks `name` from `dir`.
  void detach(Node& dir, const std::string& name);
  /// Fills `info` as stat() reports `node`.
  void fill_stat(const Node& node, struct stat* info) const;
  /// The fd's table entry if it still stands for what the fake handed out, else null (and forgets it).
  [[nodiscard]] OpenFile* open_file(int fd);
  /// Records `fd` (a real descriptor the fake opened) as standing for `node`.
  void remember(int fd, std::shared_ptr<Node> node, std::string path);
  /// Appends to the event log.
  void log(FsEvent::Kind kind, std::string path, std::string to = {});
  /// Total bytes of every regular file in the tree.
  [[nodiscard]] std::uintmax_t used_bytes() const;
  /// How many more bytes the files may grow by before the capacity is reached (no capacity: the maximum).
  [[nodiscard]] std::uintmax_t room() const;
  /// A fresh placeholder descriptor for a directory (a memfd recorded in the table).
  [[nodiscard]] int open_directory_fd(const std::shared_ptr<Node>& dir, const std::string& path, int flags);

  // --- State -----------------------------------------------------------------------------------
  std::shared_ptr<Node> root;
  std::shared_ptr<Node> cwd;
  std::vector<std::string> pass_through{"/dev", "/proc"};
  std::unordered_map<int, OpenFile> files;
  std::set<DirStream*> streams;
  std::vector<FsEvent> events;
  std::vector<FaultRule> faults;
  std::optional<std::uintmax_t> capacity;
  uid_t euid;
  gid_t egid;
  mode_t umask_bits;
  ino_t next_ino = 2;
  dev_t device = 0xfa4e;
};

/// Lexically normal absolute form of `path` (relative to `base`), without a trailing slash.
[[nodiscard]] std::string lexically_absolute(std::string_view base, std::string_view path);
/// `path` is `prefix` or below it (both lexically normal and absolute).
[[nodiscard]] bool is_under(std::string_view path, std::string_view prefix);

}  // namespace testkit::detail::fakefs
