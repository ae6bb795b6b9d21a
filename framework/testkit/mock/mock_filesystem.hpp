#pragma once
/// testkit::MockFilesystem: GoogleMock expectations on the libc calls that name paths.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>

#include <testkit/interpose/dispatch.hpp>
#include <testkit/mock/targets.hpp>

namespace testkit {

namespace detail {
class WatchedPaths;
}

/// While it exists, the constructing test's calls to open, stat, mkdir, remove, unlink, rename, ... (every
/// function of TK_INTERPOSED_PATH_FUNCTIONS) are calls of its methods, also from libstdc++ and from threads the
/// test starts. A call without a matching expectation goes to the real function (to what was installed
/// before the mock, else libc). Made with a prefix, or after watch(), it sees only the calls that name a path
/// under a watched prefix: the others (the loader's, iostreams', locale files...) go where they would without
/// the mock and never reach GoogleMock, which makes testing::StrictMock usable.
/// Example:
///   testing::StrictMock<testkit::MockFilesystem> fs{"/data"};
///   EXPECT_CALL(fs, remove(testing::StrEq("/data/a.tmp"))).WillOnce(testing::Return(0));
///   std::filesystem::remove("/data/a.tmp");   // any other call naming /data... fails the test
class MockFilesystem {
 public:
  /// Sees every path call of the test, also those the C++ runtime and libraries make by themselves.
  MockFilesystem();
  /// Sees only the calls that name a path at or under `prefix` (see watch()).
  explicit MockFilesystem(const std::filesystem::path& prefix);
  ~MockFilesystem();
  MockFilesystem(const MockFilesystem&) = delete;
  MockFilesystem& operator=(const MockFilesystem&) = delete;

  /// From now on the mock sees the calls that name a path at or under `prefix` ("/data" covers "/data/a",
  /// not "/database"), and no longer the others. Paths compare as written, made absolute and without "."
  /// or "..", symlinks not followed: a relative path against the current directory (a FakeFilesystem's, if
  /// one is active; `prefix` when watch() is called, a call's path when it is made), a path relative to a
  /// directory descriptor against the real directory it names. Call from the test's thread.
  MockFilesystem& watch(const std::filesystem::path& prefix);
  /// The watched prefixes as watch() made them absolute, in order; empty while the mock sees every call.
  [[nodiscard]] std::vector<std::string> watched() const;

  TK_INTERPOSED_PATH_FUNCTIONS(TK_MOCK_DECLARE)

 private:
  std::shared_ptr<detail::WatchedPaths> watched_;
  std::shared_ptr<detail::PatchScope> scope_;
};

}  // namespace testkit
