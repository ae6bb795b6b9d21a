// make_archive and unpack_archive, with libarchive.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

#include "organizer.hpp"

namespace organizer {
namespace {

using Reader = std::unique_ptr<archive, decltype(&archive_read_free)>;
using Writer = std::unique_ptr<archive, decltype(&archive_write_free)>;
using Entry = std::unique_ptr<archive_entry, decltype(&archive_entry_free)>;

[[noreturn]] void fail(archive* a, const std::string& what) {
  throw std::runtime_error(what + ": " + (archive_error_string(a) != nullptr ? archive_error_string(a) : "?"));
}

void add_entry(archive* out, const fs::path& path, const fs::path& name) {
  Entry entry(archive_entry_new(), &archive_entry_free);
  archive_entry_set_pathname(entry.get(), name.generic_string().c_str());
  const bool directory = fs::is_directory(path);
  archive_entry_set_filetype(entry.get(), directory ? AE_IFDIR : AE_IFREG);
  archive_entry_set_perm(entry.get(), directory ? 0755 : 0644);
  std::string data;
  if (!directory) {
    std::ifstream in(path, std::ios::binary);
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(data.size()));
  if (archive_write_header(out, entry.get()) != ARCHIVE_OK) fail(out, "writing " + name.string());
  if (!data.empty() && archive_write_data(out, data.data(), data.size()) < 0) fail(out, "writing " + name.string());
}

// True when `name` stays inside the directory it is extracted into.
bool stays_inside(const fs::path& name) {
  if (name.is_absolute()) return false;
  for (const auto& part : name.lexically_normal())
    if (part == "..") return false;
  return true;
}

}  // namespace

void make_archive(const fs::path& archive_path, const fs::path& root_dir) {
  Writer out(archive_write_new(), &archive_write_free);
  archive_write_add_filter_gzip(out.get());
  archive_write_set_format_pax_restricted(out.get());
  if (archive_write_open_filename(out.get(), archive_path.c_str()) != ARCHIVE_OK) fail(out.get(), archive_path);
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(root_dir)) paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) add_entry(out.get(), path, fs::relative(path, root_dir));
  if (archive_write_close(out.get()) != ARCHIVE_OK) fail(out.get(), archive_path);
}

void unpack_archive(const fs::path& archive_path, const fs::path& dest_dir) {
  Reader in(archive_read_new(), &archive_read_free);
  archive_read_support_filter_all(in.get());
  archive_read_support_format_tar(in.get());
  if (archive_read_open_filename(in.get(), archive_path.c_str(), 64 * 1024) != ARCHIVE_OK) fail(in.get(), archive_path);
  archive_entry* entry = nullptr;
  int status = ARCHIVE_OK;
  while ((status = archive_read_next_header(in.get(), &entry)) == ARCHIVE_OK) {
    const fs::path name = archive_entry_pathname(entry);
    if (!stays_inside(name)) throw std::runtime_error("refusing to extract " + name.string() + " outside the target");
    const fs::path target = dest_dir / name;
    if (archive_entry_filetype(entry) == AE_IFDIR) {
      fs::create_directories(target);
      continue;
    }
    fs::create_directories(target.parent_path());
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    while ((status = archive_read_data_block(in.get(), &block, &size, &offset)) == ARCHIVE_OK)
      out.write(static_cast<const char*>(block), static_cast<std::streamsize>(size));
    if (status != ARCHIVE_EOF) fail(in.get(), "reading " + name.string());
    if (!out.flush()) throw std::runtime_error("cannot write " + target.string());
  }
  if (status != ARCHIVE_EOF) fail(in.get(), archive_path);
}

}  // namespace organizer
