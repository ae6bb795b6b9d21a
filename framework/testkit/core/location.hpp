#pragma once
/// A place in a source file.

#include <source_location>
#include <string>

namespace testkit {

/// A file and line; owns its text so that it can outlive the code that made it.
struct Location {
  std::string file{};
  unsigned line = 0;

  static Location from(const std::source_location& where) { return {where.file_name(), where.line()}; }

  friend bool operator==(const Location&, const Location&) = default;
};

}  // namespace testkit
