#pragma once
/// Reading everything but a few paths, in the terms Landlock grants: a list of places readable with everything beneath
/// them, which together cover the whole filesystem except the hidden paths.

#include <string>
#include <vector>

namespace testkit::detail {

/// A place granted readable with everything beneath it.
struct ReadableRoot {
  std::string path;
  bool is_directory = false;  ///< a directory (its listing and its tree), else a single file
};

/// The places that leave only `hidden` (absolute paths of files or directories) unreadable: every entry of each
/// directory on the way from / to a hidden path, but those on the way and the hidden ones. The directories on the way
/// are then readable only through their other entries: they cannot be listed. Symbolic links are left out (reading
/// through one is judged at its target), and so are paths that do not exist. No hidden path: {"/"}; "/" hidden:
/// nothing.
[[nodiscard]] std::vector<ReadableRoot> readable_roots(const std::vector<std::string>& hidden);

}  // namespace testkit::detail
