#pragma once
/// testkit::FakeFilesystem: an isolated file tree that unmodified std::filesystem, fstream, stdio and POSIX
/// code sees instead of the disk.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/mock/targets.hpp>

namespace testkit {

namespace detail {
class PatchScope;
namespace fakefs {
class FakeTree;
}
}  // namespace detail

/// One change the code under test made to the fake tree.
struct FsEvent {
  enum class Kind { created, written, deleted, renamed, created_directory, removed_directory };
  Kind kind;
  std::string path;
  std::string to;  ///< renamed: the destination
};

/// While it exists, every path the constructing test (and the threads it starts) names is looked up in an
/// in-memory tree, except paths under pass-through prefixes ("/dev" and "/proc" by default), which reach
/// the disk; creating something under a prefix (a fake "/proc/meminfo") makes the fake answer for all of it.
/// The tree starts with "/", an empty "/tmp" (and the directory $TMPDIR names, so that
/// std::filesystem::temp_directory_path() works) and cwd "/". File contents live in memfds, so reads,
/// writes, offsets, O_APPEND, mmap and sizes are the kernel's own; errors are the kernel's errnos.
/// Not covered: stdio writes (fwrite/fprintf use glibc-internal write, so set_capacity does not limit
/// them, and a write-mode fopen counts as `written` when opened); descriptors made by dup(), fchdir(),
/// mknod/FIFOs, xattrs, O_TMPFILE; supplementary groups in permission checks. Thread-safe.
/// Example:
///   testkit::FakeFilesystem fs;
///   fs.create_file("/data/a.tmp", "x");
///   cleanup("/data");                              // the code under test
///   TK_EXPECT_EQ(fs.deleted(), std::vector<std::string>{"/data/a.tmp"});
class FakeFilesystem {
 public:
  /// Installs the fake for the calling test and the threads it starts, until destroyed.
  FakeFilesystem();
  ~FakeFilesystem();
  FakeFilesystem(const FakeFilesystem&) = delete;
  FakeFilesystem& operator=(const FakeFilesystem&) = delete;

  // Setting up (parents are created as needed; these calls are not logged):
  /// Creates (or overwrites) a regular file.
  void create_file(const std::filesystem::path& path, std::string_view contents = {},
                   std::filesystem::perms perms = std::filesystem::perms(0644));
  /// Creates a directory (and its parents); an existing directory is fine.
  void create_directory(const std::filesystem::path& path);
  /// Creates the symlink `link` pointing at `target` (not resolved).
  void create_symlink(const std::filesystem::path& target, const std::filesystem::path& link);
  /// Sets a file's (or directory's) modification time.
  void set_mtime(const std::filesystem::path& path, std::filesystem::file_time_type time);
  /// Copies a real directory tree into the fake at `target` (default: the same path). The copy is
  /// read-only as pyfakefs makes it: writing, creating in or deleting from it fails with EACCES.
  void add_real_directory(const std::filesystem::path& real, const std::filesystem::path& target = {});
  /// Copies one real file into the fake at `target` (default: the same path), read-only (EACCES).
  void add_real_file(const std::filesystem::path& real, const std::filesystem::path& target = {});
  /// Paths under `prefix` (absolute) reach the real disk.
  void pass_through(const std::filesystem::path& prefix);

  // Inspecting (symlinks are followed, like std::filesystem):
  [[nodiscard]] bool exists(const std::filesystem::path& path) const;
  [[nodiscard]] bool is_directory(const std::filesystem::path& path) const;
  /// A regular file's contents; throws std::runtime_error if there is none.
  [[nodiscard]] std::string read_file(const std::filesystem::path& path) const;
  /// The names in a directory, sorted; throws std::runtime_error if it is not one.
  [[nodiscard]] std::vector<std::string> list(const std::filesystem::path& dir) const;
  /// Every path in the tree but "/", sorted; directories end in '/'.
  [[nodiscard]] std::vector<std::string> tree() const;
  /// What the code under test changed, in order.
  [[nodiscard]] std::vector<FsEvent> events() const;
  /// Paths of the files and directories the code deleted, in order.
  [[nodiscard]] std::vector<std::string> deleted() const;
  /// Paths of the files and directories the code created, in order.
  [[nodiscard]] std::vector<std::string> created() const;
  /// Paths written to, once per open-for-write that wrote (and per truncate).
  [[nodiscard]] std::vector<std::string> written() const;

  // Faults:
  /// Total file bytes may not exceed `bytes`: a write through a descriptor that would go beyond is short,
  /// then fails with ENOSPC; std::filesystem::space() reports it. stdio writes are not checked.
  void set_capacity(std::uintmax_t bytes);
  /// The path and everything below: writes, creations and deletions fail with EROFS.
  void make_read_only(const std::filesystem::path& path);
  /// The path and everything below: every operation on or through them fails with EACCES.
  void deny_access(const std::filesystem::path& path);
  /// Calls of `call` (e.g. libc::unlink, or libc::deletion) naming exactly `path` fail with `error`.
  void fail(const Target& call, const std::filesystem::path& path, int error);

 private:
  std::shared_ptr<detail::fakefs::FakeTree> tree_;
  std::shared_ptr<detail::PatchScope> scope_;
};

}  // namespace testkit
