#pragma once
/// testkit::MockFilesystem: GoogleMock expectations on the libc calls that name paths.

#include <memory>

#include <gmock/gmock.h>

#include <testkit/interpose/dispatch.hpp>
#include <testkit/mock/targets.hpp>

namespace testkit {

/// While it exists, the constructing test's calls to open, stat, mkdir, remove, unlink, rename, ... (every
/// function of TK_INTERPOSED_PATH_FUNCTIONS) are calls of its methods, also from libstdc++ and from threads the
/// test starts. A call without a matching expectation goes to the real function (NiceMock/StrictMock work).
/// Example:
///   testkit::MockFilesystem fs;
///   EXPECT_CALL(fs, remove(testing::StrEq("/data/a.tmp"))).WillOnce(testing::Return(0));
///   std::filesystem::remove("/data/a.tmp");
class MockFilesystem {
 public:
  MockFilesystem();
  ~MockFilesystem();
  MockFilesystem(const MockFilesystem&) = delete;
  MockFilesystem& operator=(const MockFilesystem&) = delete;

  TK_INTERPOSED_PATH_FUNCTIONS(TK_MOCK_DECLARE)

 private:
  std::shared_ptr<detail::PatchScope> scope_;
};

}  // namespace testkit
