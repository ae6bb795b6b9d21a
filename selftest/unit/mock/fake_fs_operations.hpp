#pragma once
// The differential test's operations: a seeded generator of std::filesystem / fstream calls over a small
// pool of names (so collisions and errors are frequent), their results as text, and tree snapshots.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace testkit::selftest::fsdiff {

namespace fs = std::filesystem;

/// One generated operation: its kind (for the allowlist), a readable description and what it does.
struct Operation {
  std::string kind;
  std::string text;
  std::function<std::string(const fs::path& root)> run;  ///< returns the result as text
};

inline std::string code_text(const std::error_code& error) {
  return error ? "error " + std::to_string(error.value()) : "ok";
}

/// `path` relative to `root` (results name paths the same way in both runs).
inline std::string relative_text(const fs::path& path, const fs::path& root) {
  return path.lexically_relative(root).generic_string();
}

/// Everything under `root`, one line per entry: type, size, contents hash, symlink target, link count.
inline std::string snapshot(const fs::path& root) {
  std::vector<std::string> lines;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(root, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    const fs::path& path = it->path();
    std::ostringstream line;
    line << relative_text(path, root) << " ";
    const fs::file_status status = fs::symlink_status(path);
    if (fs::is_symlink(status)) {
      line << "symlink -> " << fs::read_symlink(path).string();
    } else if (fs::is_directory(status)) {
      line << "dir nlink=" << fs::hard_link_count(path);
    } else {
      std::ifstream in(path, std::ios::binary);
      const std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      line << "file size=" << fs::file_size(path) << " nlink=" << fs::hard_link_count(path)
           << " hash=" << std::hash<std::string>{}(contents);
    }
    lines.push_back(line.str());
  }
  if (error) lines.push_back("iteration error " + std::to_string(error.value()));
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

/// The seeded generator.
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : random_(seed) {}

  Operation next() {
    const std::string a = name(), b = name();
    switch (pick(17)) {
      case 0: {
        const std::string contents = text();
        return {"create", "create " + a + " \"" + contents + "\"", [=](const fs::path& root) {
                  std::ofstream out(root / a, std::ios::binary | std::ios::trunc);
                  if (!out.is_open()) return std::string("cannot open");
                  out << contents;
                  out.close();
                  return std::string(out.good() ? "ok" : "write failed");
                }};
      }
      case 1: {
        const std::string contents = text();
        const int offset = pick(6);
        return {"write", "write " + a + " at " + std::to_string(offset) + " \"" + contents + "\"",
                [=](const fs::path& root) {
                  std::fstream out(root / a, std::ios::binary | std::ios::in | std::ios::out);
                  if (!out.is_open()) return std::string("cannot open");
                  out.seekp(offset);
                  out << contents;
                  out.close();
                  return std::string(out.good() ? "ok" : "write failed");
                }};
      }
      case 2: {
        const std::string contents = text();
        return {"append", "append " + a + " \"" + contents + "\"", [=](const fs::path& root) {
                  std::ofstream out(root / a, std::ios::binary | std::ios::app);
                  if (!out.is_open()) return std::string("cannot open");
                  out << contents;
                  return std::string(out.good() ? "ok" : "write failed");
                }};
      }
      case 3:
        return {"read", "read " + a, [=](const fs::path& root) {
                  std::ifstream in(root / a, std::ios::binary);
                  if (!in.is_open()) return std::string("cannot open");
                  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                  return "\"" + contents + "\"" + (in.bad() ? " bad" : "");
                }};
      case 4:
        return {"mkdir", "create_directory " + a, [=](const fs::path& root) {
                  std::error_code error;
                  const bool made = fs::create_directory(root / a, error);
                  return std::to_string(made) + " " + code_text(error);
                }};
      case 5:
        return {"mkdirs", "create_directories " + a, [=](const fs::path& root) {
                  std::error_code error;
                  const bool made = fs::create_directories(root / a, error);
                  return std::to_string(made) + " " + code_text(error);
                }};
      case 6:
        return {"remove", "remove " + a, [=](const fs::path& root) {
                  std::error_code error;
                  const bool removed = fs::remove(root / a, error);
                  return std::to_string(removed) + " " + code_text(error);
                }};
      case 7:
        return {"remove_all", "remove_all " + a, [=](const fs::path& root) {
                  std::error_code error;
                  const auto count = fs::remove_all(root / a, error);
                  return std::to_string(static_cast<long long>(count)) + " " + code_text(error);
                }};
      case 8:
        return {"rename", "rename " + a + " " + b, [=](const fs::path& root) {
                  std::error_code error;
                  fs::rename(root / a, root / b, error);
                  return code_text(error);
                }};
      case 9: {
        fs::copy_options options = copy_options();
        // A recursive copy into its own subtree runs until paths reach PATH_MAX on both sides: slow, not telling.
        if (fs::path("/r/" + b).lexically_normal().string().starts_with(
                fs::path("/r/" + a).lexically_normal().string()))
          options &= ~fs::copy_options::recursive;
        return {"copy", "copy " + a + " " + b + " options " + std::to_string(static_cast<int>(options)),
                [=](const fs::path& root) {
                  std::error_code error;
                  fs::copy(root / a, root / b, options, error);
                  return code_text(error);
                }};
      }
      case 10: {
        const fs::copy_options options = copy_options() & fs::copy_options(7);
        return {"copy_file", "copy_file " + a + " " + b + " options " + std::to_string(static_cast<int>(options)),
                [=](const fs::path& root) {
                  std::error_code error;
                  const bool copied = fs::copy_file(root / a, root / b, options, error);
                  return std::to_string(copied) + " " + code_text(error);
                }};
      }
      case 11: {
        const bool absolute = pick(2) == 0;
        return {"symlink", "create_symlink " + std::string(absolute ? "<root>/" : "") + b + " " + a,
                [=](const fs::path& root) {
                  std::error_code error;
                  fs::create_symlink(absolute ? root / b : fs::path(b), root / a, error);
                  return code_text(error);
                }};
      }
      case 12:
        return {"hard_link", "create_hard_link " + b + " " + a, [=](const fs::path& root) {
                  std::error_code error;
                  fs::create_hard_link(root / b, root / a, error);
                  return code_text(error);
                }};
      case 13: {
        const int size = pick(12);
        return {"resize", "resize_file " + a + " " + std::to_string(size), [=](const fs::path& root) {
                  std::error_code error;
                  fs::resize_file(root / a, static_cast<std::uintmax_t>(size), error);
                  return code_text(error);
                }};
      }
      case 14: {
        const bool recursive = pick(2) == 0;
        return {"iterate", std::string(recursive ? "recursive_" : "") + "iterate " + a, [=](const fs::path& root) {
                  std::error_code error;
                  std::vector<std::string> names;
                  if (recursive) {
                    for (auto it = fs::recursive_directory_iterator(root / a, error);
                         !error && it != fs::recursive_directory_iterator(); it.increment(error))
                      names.push_back(relative_text(it->path(), root) + (it->is_directory() ? "/" : ""));
                  } else {
                    for (auto it = fs::directory_iterator(root / a, error); !error && it != fs::directory_iterator();
                         it.increment(error))
                      names.push_back(relative_text(it->path(), root) + (it->is_symlink() ? "@" : ""));
                  }
                  std::sort(names.begin(), names.end());
                  std::string text = code_text(error);
                  for (const std::string& each : names) text += " " + each;
                  return text;
                }};
      }
      case 15:
        return {"status", "status " + a, [=](const fs::path& root) {
                  std::error_code error;
                  const auto status = fs::status(root / a, error);
                  std::string text = std::to_string(static_cast<int>(status.type())) + " " + code_text(error);
                  const auto link = fs::symlink_status(root / a, error);
                  text += " " + std::to_string(static_cast<int>(link.type())) + " " + code_text(error);
                  const auto size = fs::file_size(root / a, error);
                  text += " size " + std::to_string(static_cast<long long>(size)) + " " + code_text(error);
                  const auto links = fs::hard_link_count(root / a, error);
                  text += " links " + std::to_string(static_cast<long long>(links)) + " " + code_text(error);
                  text += " empty " + std::to_string(fs::is_empty(root / a, error)) + " " + code_text(error);
                  return text;
                }};
      default:
        return {"canonical", "canonical " + a, [=](const fs::path& root) {
                  std::error_code error;
                  const fs::path canonical = fs::canonical(root / a, error);
                  std::string text = relative_text(canonical, root) + " " + code_text(error);
                  const fs::path weak = fs::weakly_canonical(root / a, error);
                  return text + " weakly " + relative_text(weak, root) + " " + code_text(error);
                }};
    }
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  std::string name() {
    static const char* const pool[] = {"a", "b", "c", "d", "d/a", "d/b", "d/e", "d/e/a", "e", "e/a", "d/.", "e/.."};
    return pool[pick(static_cast<int>(std::size(pool)))];
  }
  std::string text() { return std::string(static_cast<std::size_t>(pick(8)), static_cast<char>('a' + pick(26))); }
  // Not update_existing: whether a file is newer depends on timestamps taken within one clock tick.
  fs::copy_options copy_options() {
    static const fs::copy_options choices[] = {fs::copy_options::none,
                                               fs::copy_options::overwrite_existing,
                                               fs::copy_options::skip_existing,
                                               fs::copy_options::recursive,
                                               fs::copy_options::recursive | fs::copy_options::overwrite_existing,
                                               fs::copy_options::copy_symlinks,
                                               fs::copy_options::skip_symlinks,
                                               fs::copy_options::directories_only};
    return choices[pick(static_cast<int>(std::size(choices)))];
  }

  std::mt19937_64 random_;
};

}  // namespace testkit::selftest::fsdiff
