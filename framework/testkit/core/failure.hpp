#pragma once
/// One thing that went wrong in a test.

#include <string>
#include <vector>

#include <testkit/core/location.hpp>

namespace testkit {

/// A failed assertion, an escaped exception or an explicit TK_FAIL, with everything a report shows of it.
struct Failure {
  Location where{};          ///< where it happened (the assertion, or the test for an escaped exception)
  std::string phase{};       ///< "set_up_class", "set_up", "test", "tear_down", "cleanup", "tear_down_class"
  std::string subtest{};     ///< label of the enclosing subtest; empty outside subtests
  std::string headline{};    ///< one line: the assertion as written, or "uncaught exception ..."
  std::string details{};     ///< the values, a diff; may span lines, never ends with a newline
  std::string message{};     ///< the user's message; may be empty
  std::string stacktrace{};  ///< trimmed symbolized trace of the test code, one frame a line; may be empty
  /// Raw return addresses (innermost first) not yet turned into `stacktrace`: a forked test process sends
  /// these and its supervisor, whose symbol tables are already loaded, symbolizes them.
  std::vector<void*> frames{};
};

}  // namespace testkit
