#pragma once
/// The test binaries one testkit-run runs: where each is, and the name its tests carry when there are several.

#include <deque>
#include <span>
#include <string>
#include <vector>

#include <testkit/core/test_info.hpp>

namespace testkit {

/// One test binary given to testkit-run.
struct TestBinary {
  std::string path{};  ///< absolute, no symbolic link on the way
  /// Its file name, with as many of the directories above it as set it apart from the run's other binaries
  /// ("a/tests" and "b/tests" for build/a/tests and build/b/tests).
  std::string name{};
};

/// The binaries `given` names, in that order, each named (see TestBinary::name) and appended to `binaries`. Returns
/// what is wrong (a path that is not an executable file, a binary given twice), or "".
[[nodiscard]] std::string find_test_binaries(std::span<const char* const> given, std::vector<TestBinary>& binaries);

/// Names the tests of `binary` as a run of several binaries does, "name:Suite.test": each suite becomes
/// "name:Suite", so that the console and every report show which binary holds the test.
void name_after_binary(const TestBinary& binary, std::deque<TestInfo>& tests);

}  // namespace testkit
