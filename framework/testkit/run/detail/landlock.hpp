#pragma once
/// Confining a process's writes to a few directories with Landlock (Linux 5.13+).

#include <string>
#include <vector>

namespace testkit::detail {

/// The Landlock ABI version the kernel offers, or 0 when it has none (too old, or Landlock not enabled).
[[nodiscard]] int landlock_abi();

/// From now on this process and its children may create, write, truncate, rename and delete only beneath
/// `writable_dirs` and write only to `writable_files` (such as /dev/null); reading and executing stay allowed
/// everywhere. Sets no_new_privs. Returns "" or what failed.
[[nodiscard]] std::string confine_writes(const std::vector<std::string>& writable_dirs,
                                         const std::vector<std::string>& writable_files);

}  // namespace testkit::detail
