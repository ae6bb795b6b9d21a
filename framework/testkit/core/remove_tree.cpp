#include <testkit/core/remove_tree.hpp>

#include <filesystem>
#include <system_error>

#include <testkit/interpose/bypass.hpp>

namespace testkit::detail {

bool remove_tree(const std::string& dir) noexcept {
  namespace fs = std::filesystem;
  const BypassPatches bypass;  // a patch the test left on unlinkat must not keep its directory alive
  std::error_code error;
  if (fs::remove_all(dir, error) != static_cast<std::uintmax_t>(-1)) return true;
  // A test may have taken the permissions off its own directories: give them back, then try once more.
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, error);
  for (auto entry = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, error);
       !error && entry != fs::recursive_directory_iterator(); entry.increment(error))
    if (entry->is_directory(error) && !entry->is_symlink(error))
      fs::permissions(entry->path(), fs::perms::owner_all, fs::perm_options::add, error);
  return fs::remove_all(dir, error) != static_cast<std::uintmax_t>(-1);
}

}  // namespace testkit::detail
