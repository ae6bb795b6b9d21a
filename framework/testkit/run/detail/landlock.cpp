#include <testkit/run/detail/landlock.hpp>

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

// Rights newer than the oldest headers this builds with (Debian 12's Linux 6.1 headers lack TRUNCATE).
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

namespace testkit::detail {
namespace {

// Everything that changes the filesystem; ABI 1 has all but REFER (ABI 2) and TRUNCATE (ABI 3).
__u64 write_rights(int abi) {
  __u64 rights = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
                 LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                 LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
                 LANDLOCK_ACCESS_FS_MAKE_SYM;
  if (abi >= 2) rights |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3) rights |= LANDLOCK_ACCESS_FS_TRUNCATE;
  return rights;
}

// Grants `rights` beneath `path` in `ruleset`; "" or the error. A path that has vanished is no error when `may_vanish`.
std::string allow(int ruleset, const std::string& path, __u64 rights, bool may_vanish = false) {
  const int fd = ::open(path.c_str(), O_PATH | O_CLOEXEC);
  if (fd < 0 && may_vanish && errno == ENOENT) return "";
  if (fd < 0) return fmt::format("cannot open {}: {}", path, std::strerror(errno));
  landlock_path_beneath_attr rule{.allowed_access = rights, .parent_fd = fd};
  const long added = ::syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
  const int error = errno;
  ::close(fd);
  return added == 0 ? "" : fmt::format("landlock_add_rule({}): {}", path, std::strerror(error));
}

}  // namespace

int landlock_abi() {
  const long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  return abi > 0 ? static_cast<int>(abi) : 0;
}

std::string confine_files(const std::vector<std::string>& writable_dirs, const std::vector<std::string>& writable_files,
                          const std::vector<ReadableRoot>& readable) {
  const int abi = landlock_abi();
  if (abi == 0) return "Landlock is not available";
  constexpr __u64 read_rights = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
  const __u64 rights = write_rights(abi);
  const landlock_ruleset_attr attributes{.handled_access_fs = rights | read_rights};
  const int ruleset = static_cast<int>(::syscall(SYS_landlock_create_ruleset, &attributes, sizeof attributes, 0));
  if (ruleset < 0) return fmt::format("landlock_create_ruleset: {}", std::strerror(errno));
  std::string problem;
  for (const std::string& dir : writable_dirs)
    if (problem.empty()) problem = allow(ruleset, dir, rights | read_rights);
  // On a file only file rights may be granted.
  constexpr __u64 file_only =
      LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_READ_FILE;
  for (const std::string& file : writable_files)
    if (problem.empty()) problem = allow(ruleset, file, (rights | read_rights) & file_only);
  for (const ReadableRoot& root : readable)
    if (problem.empty())
      problem =
          allow(ruleset, root.path, root.is_directory ? read_rights : read_rights & file_only, /*may_vanish=*/true);
  if (problem.empty() && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    problem = fmt::format("PR_SET_NO_NEW_PRIVS: {}", std::strerror(errno));
  if (problem.empty() && ::syscall(SYS_landlock_restrict_self, ruleset, 0) != 0)
    problem = fmt::format("landlock_restrict_self: {}", std::strerror(errno));
  ::close(ruleset);
  return problem;
}

}  // namespace testkit::detail
