// FakeFilesystem's fault injection: a full disk, read-only and denied paths, one failing call on one path.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <testkit/fake_fs.hpp>
#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;
using testkit::FakeFilesystem;

TK_TEST(FakeFsFaults, capacity_makes_writes_fail_with_enospc) {
  FakeFilesystem fake;
  fake.create_file("/d/existing", std::string(60, 'x'));
  fake.set_capacity(100);
  TK_EXPECT_EQ(fs::space("/d").capacity, 0u, "100 bytes are less than one 4 KiB block");
  const int fd = ::open("/d/new", O_WRONLY | O_CREAT, 0644);
  TK_ASSERT_GE(fd, 0);
  TK_EXPECT_EQ(::write(fd, std::string(30, 'a').data(), 30), 30);
  TK_EXPECT_EQ(::write(fd, std::string(30, 'b').data(), 30), 10, "a short write up to the capacity");
  errno = 0;
  TK_EXPECT_EQ(::write(fd, "c", 1), -1);
  TK_EXPECT_EQ(errno, ENOSPC);
  TK_EXPECT_EQ(::pwrite(fd, "z", 1, 0), 1, "overwriting needs no room");
  ::close(fd);
  std::ofstream out("/d/report.txt");
  out << std::string(10000, 'r');
  out.close();
  TK_EXPECT(out.fail(), "std::ofstream sees the full disk");
  fs::remove("/d/existing");
  std::ofstream("/d/small.txt") << std::string(50, 's');
  TK_EXPECT_EQ(fake.read_file("/d/small.txt").size(), 50u, "deleting freed room");
}

TK_TEST(FakeFsFaults, read_only_paths_fail_with_erofs) {
  FakeFilesystem fake;
  fake.create_file("/ro/keep.txt", "k");
  fake.create_file("/rw/free.txt", "f");
  fake.make_read_only("/ro");
  std::error_code error;
  TK_EXPECT(!fs::remove("/ro/keep.txt", error));
  TK_EXPECT_EQ(error.value(), EROFS);
  fs::create_directory("/ro/sub", error);
  TK_EXPECT_EQ(error.value(), EROFS);
  TK_EXPECT(!std::ofstream("/ro/keep.txt").is_open());
  TK_EXPECT(!std::ofstream("/ro/new.txt").is_open());
  TK_EXPECT(std::ifstream("/ro/keep.txt").is_open(), "reading still works");
  TK_EXPECT_EQ(::access("/ro/keep.txt", W_OK), -1);
  TK_EXPECT_EQ(errno, EROFS);
  TK_EXPECT(fs::remove("/rw/free.txt"), "other paths are writable");
}

// What README says deny_access(dir) denies: everything on the directory and under it, listing included.
TK_TEST(FakeFsFaults, denied_paths_fail_with_eacces) {
  FakeFilesystem fake;
  fake.create_file("/secret/key", "k");
  fake.deny_access("/secret");
  std::error_code error;
  (void)fs::status("/secret/key", error);
  TK_EXPECT_EQ(error.value(), EACCES);
  (void)fs::status("/secret", error);
  TK_EXPECT_EQ(error.value(), EACCES, "the directory itself, unlike a real chmod 000 directory");
  fs::directory_iterator("/secret", error);
  TK_EXPECT_EQ(error.value(), EACCES, "listing it");
  TK_EXPECT(!std::ifstream("/secret/key").is_open());
  TK_EXPECT(!std::ofstream("/secret/new.txt").is_open(), "creating in it");
  TK_EXPECT(!fs::remove("/secret/key", error));
  TK_EXPECT_EQ(error.value(), EACCES, "deleting from it");
  fs::rename("/secret/key", "/key", error);
  TK_EXPECT_EQ(error.value(), EACCES, "moving out of it");
  TK_EXPECT_EQ(fake.list("/"), (std::vector<std::string>{"secret", "tmp"}), "its name still shows in its parent");
  TK_EXPECT(fake.exists("/secret/key"), "the test itself still sees it");
  TK_EXPECT_EQ(fake.read_file("/secret/key"), "k");
}

TK_TEST(FakeFsFaults, fail_makes_one_call_on_one_path_fail) {
  FakeFilesystem fake;
  fake.create_file("/f/a", "a");
  fake.create_file("/f/b", "b");
  fake.create_file("/f/c", "c");
  fake.fail(testkit::libc::deletion, "/f/b", EIO);
  fake.fail(testkit::libc::rename, "/f/c", EXDEV);
  std::error_code error;
  TK_EXPECT(fs::remove("/f/a", error));
  TK_EXPECT(!fs::remove("/f/b", error));
  TK_EXPECT_EQ(error.value(), EIO);
  fs::remove_all("/f", error);
  TK_EXPECT_EQ(error.value(), EIO, "remove_all meets the failing deletion too");
  fs::rename("/f/c", "/f/d", error);
  TK_EXPECT_EQ(error.value(), EXDEV);
  TK_EXPECT(fake.exists("/f/b"));
  TK_EXPECT_EQ(fake.deleted(), (std::vector<std::string>{"/f/a"}));
}

}  // namespace
