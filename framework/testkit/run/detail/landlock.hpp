#pragma once
/// Confining a process's writes to a few directories, and its reads to all but a few paths, with Landlock (Linux
/// 5.13+).

#include <string>
#include <vector>

#include <testkit/run/detail/hidden_paths.hpp>

namespace testkit::detail {

/// The Landlock ABI version the kernel offers, or 0 when it has none (too old, or Landlock not enabled).
[[nodiscard]] int landlock_abi();

/// From now on this process and its children may create, write, truncate, rename and delete only beneath
/// `writable_dirs` (which they may also read) and write only to `writable_files` (such as /dev/null), and read only
/// beneath `readable` (see readable_roots); executing stays allowed everywhere. Sets no_new_privs. Returns "" or what
/// failed.
[[nodiscard]] std::string confine_files(const std::vector<std::string>& writable_dirs,
                                        const std::vector<std::string>& writable_files,
                                        const std::vector<ReadableRoot>& readable);

}  // namespace testkit::detail
