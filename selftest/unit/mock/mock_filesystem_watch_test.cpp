// MockFilesystem watching prefixes: a StrictMock sees only the calls that name the test's paths, so the files
// iostreams, fmt and std::filesystem touch elsewhere never reach GoogleMock; an unexpected call under a watched
// prefix still fails the test, and every GoogleMock failure says what the mock watches.
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/os.h>
#include <gmock/gmock.h>

#include <testkit/fake_fs.hpp>
#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"

namespace {

namespace fs = std::filesystem;
using testing::_;
using testing::Return;
using testing::StrEq;
using testkit::MockFilesystem;
using testkit::selftest::failure_text;
using testkit::selftest::run_inner;

/// A real directory of its own under the temporary directory, removed with everything in it at the end.
class RealDirectory {
 public:
  RealDirectory() {
    std::string name = (fs::temp_directory_path() / "testkit_watch_XXXXXX").native();
    if (::mkdtemp(name.data()) != nullptr) path_ = name;
  }
  ~RealDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  RealDirectory(const RealDirectory&) = delete;
  RealDirectory& operator=(const RealDirectory&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// File work of the kind the runtime and libraries do beside the code under test, all outside "/data".
void touch_other_files(const fs::path& dir) {
  std::ofstream(dir / "notes.txt") << "written by std::ofstream\n";
  std::ifstream in(dir / "notes.txt");
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  TK_EXPECT_EQ(text, "written by std::ofstream\n");
  fmt::output_file((dir / "fmt.txt").c_str()).print("{} by fmt\n", 42);
  TK_EXPECT_EQ(fs::file_size(dir / "fmt.txt"), 10u);
  TK_EXPECT(fs::exists("/proc/self/status"));
  std::vector<fs::path> listed{fs::directory_iterator(dir), fs::directory_iterator()};
  TK_EXPECT_EQ(listed.size(), 2u);
  fs::rename(dir / "fmt.txt", dir / "fmt.old");
  TK_EXPECT(fs::remove(dir / "fmt.old"));
}

TK_TEST(MockFilesystemWatch, a_strict_mock_of_one_prefix_lets_the_runtimes_file_calls_pass) {
  RealDirectory dir;
  testing::StrictMock<MockFilesystem> fs{"/data"};
  EXPECT_CALL(fs, remove(StrEq("/data/a.tmp"))).WillOnce(Return(0));
  touch_other_files(dir.path());  // iostreams, fmt, std::filesystem: none of it reaches GoogleMock
  TK_EXPECT(std::filesystem::remove("/data/a.tmp"), "the mocked remove answers 0: the file was deleted");
}

TK_TEST(MockFilesystemWatch, an_unexpected_call_under_the_watched_prefix_fails_the_test) {
  RealDirectory dir;
  const auto result = run_inner([&dir] {
    testing::StrictMock<MockFilesystem> fs{"/data"};
    touch_other_files(dir.path());
    (void)::unlink("/data/b.tmp");  // no expectation: a strict mock fails the test (then calls the real unlink)
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_ASSERT_EQ(result.failures.size(), 1u, "only the call under /data reaches GoogleMock: {}", failure_text(result));
  TK_EXPECT_CONTAINS(result.failures[0].headline, "Uninteresting mock function call");
  TK_EXPECT_CONTAINS(result.failures[0].details, "unlink(");
  TK_EXPECT_CONTAINS(result.failures[0].details,
                     "MockFilesystem watches \"/data\"; this unlink() names \"/data/b.tmp\"");
}

TK_TEST(MockFilesystemWatch, a_strict_mock_of_everything_says_why_a_runtime_call_fails) {
  RealDirectory dir;
  std::ofstream(dir.path() / "config.txt") << "x";
  const auto result = run_inner([&dir] {
    testing::StrictMock<MockFilesystem> fs;  // today's default: every path call of the test
    std::ifstream config(dir.path() / "config.txt");
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "Uninteresting mock function call");
  TK_EXPECT_CONTAINS(failure_text(result), "config.txt");
  TK_EXPECT_CONTAINS(failure_text(result),
                     "MockFilesystem sees every path call of the test, also those the C++ runtime");
  TK_EXPECT_CONTAINS(failure_text(result), "fs.watch(\"/data\")");
}

TK_TEST(MockFilesystemWatch, prefixes_cover_whole_path_components_as_written) {
  testing::StrictMock<MockFilesystem> fs;
  TK_EXPECT(fs.watched().empty(), "a mock made without a prefix sees everything");
  fs.watch("/data/").watch("/srv/./www/../www");
  TK_EXPECT_EQ(fs.watched(), (std::vector<std::string>{"/data", "/srv/www"}));
  EXPECT_CALL(fs, access(StrEq("/data"), F_OK)).WillOnce(Return(0));
  EXPECT_CALL(fs, access(StrEq("/srv/x/../www/index.html"), F_OK)).WillOnce(Return(0));
  TK_EXPECT_EQ(::access("/data", F_OK), 0, "the prefix itself is covered");
  TK_EXPECT_EQ(::access("/srv/x/../www/index.html", F_OK), 0, "\"..\" is folded before matching");
  TK_EXPECT_EQ(::access("/database/x", F_OK), -1, "not under /data: the real access() answers");
  TK_EXPECT_EQ(::access("/srv/wwwroot", F_OK), -1);
}

TK_TEST(MockFilesystemWatch, a_rename_is_seen_when_either_path_is_watched) {
  testing::StrictMock<MockFilesystem> fs{"/data"};
  EXPECT_CALL(fs, rename(StrEq("/elsewhere/in.txt"), StrEq("/data/in.txt"))).WillOnce(Return(0));
  EXPECT_CALL(fs, rename(StrEq("/data/out.txt"), StrEq("/elsewhere/out.txt"))).WillOnce(Return(0));
  TK_EXPECT_EQ(std::rename("/elsewhere/in.txt", "/data/in.txt"), 0);
  TK_EXPECT_EQ(std::rename("/data/out.txt", "/elsewhere/out.txt"), 0);
}

TK_TEST(MockFilesystemWatch, relative_paths_are_placed_in_the_fakes_current_directory) {
  testkit::FakeFilesystem fake;
  fake.create_directory("/work/data");
  TK_ASSERT_EQ(::chdir("/work"), 0, "the fake's chdir: the process keeps its directory");
  testing::StrictMock<MockFilesystem> fs{"data"};
  TK_EXPECT_EQ(fs.watched(), std::vector<std::string>{"/work/data"});
  EXPECT_CALL(fs, mkdir(StrEq("data/new"), _));  // no action: calls through to the fake
  TK_EXPECT(std::filesystem::create_directory("data/new"));
  TK_EXPECT(std::filesystem::create_directory("other"), "not watched: straight to the fake");
  TK_EXPECT(fake.is_directory("/work/data/new"));
  TK_EXPECT(fake.is_directory("/work/other"));
}

TK_TEST(MockFilesystemWatch, paths_relative_to_a_directory_descriptor_are_placed_in_that_directory) {
  RealDirectory watched;
  RealDirectory other;
  const int other_fd = ::open(other.path().c_str(), O_RDONLY | O_DIRECTORY);
  TK_ASSERT_GE(other_fd, 0);
  testing::StrictMock<MockFilesystem> fs{watched.path()};
  EXPECT_CALL(fs, open(StrEq(watched.path().native()), _, _));  // calls through: a real descriptor
  const int watched_fd = ::open(watched.path().c_str(), O_RDONLY | O_DIRECTORY);
  TK_ASSERT_GE(watched_fd, 0);
  EXPECT_CALL(fs, unlinkat(watched_fd, StrEq("a.tmp"), 0)).WillOnce(Return(0));
  TK_EXPECT_EQ(::unlinkat(watched_fd, "a.tmp", 0), 0);
  TK_EXPECT_EQ(::unlinkat(other_fd, "a.tmp", 0), -1, "another directory: the real unlinkat answers ENOENT");
  ::close(watched_fd);
  ::close(other_fd);
}

}  // namespace
