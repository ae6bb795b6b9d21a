#pragma once
/// Removing a directory that a test wrote into: its tmp_path(), a sandboxed test's private directory.

#include <string>

namespace testkit::detail {

/// Removes `dir` with everything in it, giving back the permissions a test may have taken off its own
/// directories, and never through the test's patches. Returns true when nothing is left (also when `dir` did not
/// exist). Any thread; never throws.
bool remove_tree(const std::string& dir) noexcept;

}  // namespace testkit::detail
