#pragma once
// The student's code: a file organizer, the filesystem lecture as one assignment. Listing a directory, file
// attributes, pattern matching (fnmatch and recursive glob), deleting, copying, moving and renaming, and making
// and unpacking archives. It calls std::filesystem, fstream, fnmatch and libarchive like any program would;
// nothing in it knows about tests.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace organizer {

namespace fs = std::filesystem;

/// The names of the regular files directly in `dir`, sorted (directories left out).
[[nodiscard]] std::vector<std::string> list_files(const fs::path& dir);

/// What stat says of one file.
struct FileInfo {
  std::string name;
  std::uintmax_t size = 0;
  fs::file_time_type modified{};
};
/// The attributes of the regular files directly in `dir`, sorted by name.
[[nodiscard]] std::vector<FileInfo> attributes(const fs::path& dir);

/// The names in `dir` (not below it) that match a shell pattern (fnmatch: *, ?, [abc]), sorted.
[[nodiscard]] std::vector<std::string> matching(const fs::path& dir, const std::string& pattern);

/// Paths below `dir` (relative to it, at any depth) whose file name matches `pattern`, sorted; names starting with
/// '.' match only a pattern that starts with '.', as in glob.
[[nodiscard]] std::vector<std::string> find_recursive(const fs::path& dir, const std::string& pattern);

/// Deletes the regular files directly in `dir` that match `pattern`; returns their paths in the order deleted.
std::vector<fs::path> delete_matching(const fs::path& dir, const std::string& pattern);

/// Copies `file` into the directory `dest_dir` (shutil.copy); returns the new path.
fs::path copy_into(const fs::path& file, const fs::path& dest_dir);

/// Copies the tree `source` to `dest`, which must not exist (shutil.copytree).
void copy_tree(const fs::path& source, const fs::path& dest);

/// Moves `source` (a file or a directory) into the directory `dest_dir` (shutil.move); returns the new path.
fs::path move_into(const fs::path& source, const fs::path& dest_dir);

/// Sorts the files directly in `dir` into subdirectories named after their extensions ("txt", "png"; "other"
/// for none); returns how many files moved.
std::size_t organize_by_extension(const fs::path& dir);

/// Writes the tree `root_dir` into `archive` as a gzip-compressed tar (shutil.make_archive(..., 'gztar')).
void make_archive(const fs::path& archive, const fs::path& root_dir);

/// Extracts a tar archive (compressed or not) into `dest_dir`. Throws std::runtime_error for a damaged archive or
/// an entry that would land outside `dest_dir`.
void unpack_archive(const fs::path& archive, const fs::path& dest_dir);

}  // namespace organizer
