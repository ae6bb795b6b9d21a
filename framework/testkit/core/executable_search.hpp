#pragma once
/// Finding a program by name in the directories of a PATH list, as a shell does.

#include <string>
#include <string_view>

namespace testkit::detail {

/// What an empty entry of a PATH list ("/usr/bin::/bin", a leading or trailing ':') stands for.
enum class EmptyPathEntry {
  current_directory,  ///< as POSIX reads it (and a shell, and Python's subprocess)
  skipped,            ///< for a tool the runner starts: the working directory is no place to look for one
};

/// The first executable regular file named `name` in the directories of `path` (':'-separated), as
/// "directory/name"; empty when there is none. Only looks: never runs anything.
[[nodiscard]] std::string find_executable(std::string_view name, std::string_view path, EmptyPathEntry empty);

}  // namespace testkit::detail
