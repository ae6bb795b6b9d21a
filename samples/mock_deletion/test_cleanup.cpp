// Testing code that deletes files without letting it delete anything: testkit::Patch on the "deletion"
// family (remove, unlink, unlinkat, rmdir) and GoogleMock expectations through testkit::MockFilesystem, one of
// them strict on the job directory.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "cleanup.hpp"

namespace {

namespace fs = std::filesystem;

/// A job directory with two temporary files and one to keep.
class JobDir : public testkit::TestCase {
 protected:
  void set_up() override {
    fs::create_directories(dir);
    for (const char* name : {"a.tmp", "b.tmp", "keep.txt"}) std::ofstream(dir / name) << name;
  }
  void tear_down() override { fs::remove_all(dir); }

  fs::path dir = fs::temp_directory_path() / ("mock_deletion_" + std::to_string(::getpid()));
};

// (a) Deletion fails with EBUSY: cleanup reports both files, and both are still there.
TK_TEST_F(JobDir, reports_files_it_could_not_delete) {
  testkit::Patch deletion{testkit::libc::deletion};
  deletion.fails(EBUSY);
  std::vector<std::string> failed = student::cleanup(dir);
  std::sort(failed.begin(), failed.end());
  TK_EXPECT_EQ(failed, (std::vector<std::string>{"a.tmp", "b.tmp"}));
  TK_EXPECT(fs::exists(dir / "a.tmp"));
}

// (b) Record what it would delete, deleting nothing: every deletion "succeeds" without touching the disk.
TK_TEST_F(JobDir, deletes_only_the_temporary_files) {
  testkit::Patch deletion{testkit::libc::deletion};
  deletion.returns(0);
  TK_EXPECT(student::cleanup(dir).empty());
  TK_EXPECT_EQ(deletion.call_count(), 2u, "{}", deletion.describe_calls());
  TK_EXPECT_CALLED_WITH(deletion, (dir / "a.tmp").string());
  TK_EXPECT_CALLED_WITH(deletion, (dir / "b.tmp").string());
  TK_EXPECT(!deletion.called_with((dir / "keep.txt").string()));
  TK_EXPECT(fs::exists(dir / "a.tmp"), "nothing was really deleted");
}

// (c) A GoogleMock expectation on the remove() that std::filesystem::remove ends in.
TK_TEST_F(JobDir, removes_each_temporary_file_once) {
  testing::NiceMock<testkit::MockFilesystem> mock_fs;
  EXPECT_CALL(mock_fs, remove(testing::StrEq((dir / "a.tmp").string()))).WillOnce(testing::Return(0));
  EXPECT_CALL(mock_fs, remove(testing::StrEq((dir / "b.tmp").string())))
      .WillOnce(testing::SetErrnoAndReturn(EACCES, -1));
  TK_EXPECT_EQ(student::cleanup(dir), (std::vector<std::string>{"b.tmp"}));
}

// (d) Strict: every call naming the job directory must be one the test expects. The mock watches only `dir`, so
// the file work of the runtime and of testkit elsewhere never reaches GoogleMock; but under `dir` it pins down
// each call, down to how the standard library lists a directory (libstdc++ 12: openat, then fdopendir).
TK_TEST_F(JobDir, touches_nothing_in_the_job_directory_but_its_temporary_files) {
  {
    testing::StrictMock<testkit::MockFilesystem> mock_fs{dir};
    EXPECT_CALL(mock_fs, openat(AT_FDCWD, testing::StrEq(dir.string()), testing::_, testing::_));  // done for real
    EXPECT_CALL(mock_fs, remove(testing::EndsWith(".tmp"))).Times(2).WillRepeatedly(testing::Return(0));
    TK_EXPECT(student::cleanup(dir).empty());
  }
  TK_EXPECT(fs::exists(dir / "a.tmp"), "the mocked remove() deleted nothing");
}

}  // namespace
