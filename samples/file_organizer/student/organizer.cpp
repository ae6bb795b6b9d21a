#include "organizer.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace organizer {

std::vector<std::string> list_files(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<FileInfo> attributes(const fs::path& dir) {
  std::vector<FileInfo> infos;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file())
      infos.push_back({entry.path().filename().string(), entry.file_size(), entry.last_write_time()});
  std::sort(infos.begin(), infos.end(), [](const FileInfo& a, const FileInfo& b) { return a.name < b.name; });
  return infos;
}

std::vector<std::string> matching(const fs::path& dir, const std::string& pattern) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (::fnmatch(pattern.c_str(), name.c_str(), FNM_PERIOD) == 0) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> find_recursive(const fs::path& dir, const std::string& pattern) {
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (::fnmatch(pattern.c_str(), name.c_str(), FNM_PERIOD) == 0)
      paths.push_back(fs::relative(entry.path(), dir).string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<fs::path> delete_matching(const fs::path& dir, const std::string& pattern) {
  std::vector<fs::path> deleted;
  for (const std::string& name : matching(dir, pattern)) {
    const fs::path path = dir / name;
    if (fs::is_regular_file(path) && fs::remove(path)) deleted.push_back(path);
  }
  return deleted;
}

fs::path copy_into(const fs::path& file, const fs::path& dest_dir) {
  const fs::path target = dest_dir / file.filename();
  fs::copy_file(file, target, fs::copy_options::overwrite_existing);
  return target;
}

void copy_tree(const fs::path& source, const fs::path& dest) {
  if (fs::exists(dest)) throw fs::filesystem_error("copy_tree", dest, std::make_error_code(std::errc::file_exists));
  fs::copy(source, dest, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

fs::path move_into(const fs::path& source, const fs::path& dest_dir) {
  const fs::path target = dest_dir / source.filename();
  fs::rename(source, target);
  return target;
}

std::size_t organize_by_extension(const fs::path& dir) {
  std::size_t moved = 0;
  for (const std::string& name : list_files(dir)) {
    const std::string extension = fs::path(name).extension().string();
    const fs::path folder = dir / (extension.empty() ? "other" : extension.substr(1));
    fs::create_directories(folder);
    move_into(dir / name, folder);
    ++moved;
  }
  return moved;
}

}  // namespace organizer
