// FakeFilesystem gives the kernel's errors: through std::filesystem (filesystem_error codes) and POSIX.
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <filesystem>
#include <string>
#include <vector>

#include <testkit/fake_fs.hpp>
#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;
using testkit::FakeFilesystem;
using Names = std::vector<std::string>;

/// The errno std::filesystem reports for `operation`, 0 if it succeeded.
template <class Operation> int error_of(Operation operation) {
  try {
    operation();
    return 0;
  } catch (const fs::filesystem_error& error) {
    return error.code().value();
  }
}

/// The errno of a POSIX call returning -1 on failure, 0 if it succeeded.
int posix(int result) { return result == 0 ? 0 : errno; }

TK_TEST(FakeFsErrors, std_filesystem_throws_the_kernel_codes) {
  FakeFilesystem fake;
  fake.create_file("/w/file", "x");
  fake.create_file("/w/full/inner", "y");
  TK_EXPECT_EQ(error_of([] { (void)fs::file_size("/w/missing"); }), ENOENT);
  TK_EXPECT_EQ(error_of([] { (void)fs::file_size("/w"); }), EISDIR);
  TK_EXPECT_EQ(error_of([] { fs::create_directory("/w/missing/sub"); }), ENOENT);
  TK_EXPECT_EQ(error_of([] { (void)fs::status("/w/file/below"); }), 0, "status reports not_found for ENOTDIR");
  TK_EXPECT_EQ(error_of([] { fs::create_directories("/w/file/below"); }), ENOTDIR);
  TK_EXPECT_EQ(error_of([] { fs::remove("/w/full"); }), ENOTEMPTY);
  TK_EXPECT_EQ(error_of([] { fs::rename("/w/full", "/w/full/inner/x"); }), ENOTDIR);
  TK_EXPECT_EQ(error_of([] { fs::rename("/w", "/w/full/moved"); }), EINVAL, "a directory into its own subtree");
  TK_EXPECT_EQ(error_of([] { fs::copy_file("/w/file", "/w/full/inner"); }), EEXIST);
  TK_EXPECT_EQ(error_of([] { fs::copy_file("/w/missing", "/w/x"); }), ENOENT);
  TK_EXPECT_EQ(error_of([] { fs::create_hard_link("/w/full", "/w/dirlink"); }), EPERM);
  TK_EXPECT_EQ(error_of([] { (void)fs::canonical("/w/nothing/.."); }), ENOENT);
  TK_EXPECT_EQ(error_of([] { (void)fs::read_symlink("/w/file"); }), EINVAL);
  TK_EXPECT_EQ(error_of([] { fs::resize_file("/w/full", 3); }), EISDIR);
}

TK_TEST(FakeFsErrors, rename_over_existing_targets_follows_the_kernel_rules) {
  FakeFilesystem fake;
  fake.create_file("/r/file", "1");
  fake.create_file("/r/other", "2");
  fake.create_directory("/r/empty");
  fake.create_file("/r/full/x", "3");
  fake.create_directory("/r/dir");
  TK_EXPECT_EQ(posix(::rename("/r/dir", "/r/full")), ENOTEMPTY);
  TK_EXPECT_EQ(posix(::rename("/r/dir", "/r/file")), ENOTDIR);
  TK_EXPECT_EQ(posix(::rename("/r/file", "/r/empty")), EISDIR);
  TK_EXPECT_EQ(posix(::rename("/r/file", "/r/file/")), ENOTDIR);
  TK_EXPECT_EQ(posix(::rename("/r/.", "/r/z")), EBUSY);
  TK_EXPECT_EQ(posix(::renameat2(AT_FDCWD, "/r/file", AT_FDCWD, "/r/other", RENAME_NOREPLACE)), EEXIST);
  TK_EXPECT_EQ(posix(::renameat2(AT_FDCWD, "/r/file", AT_FDCWD, "/r/nope", RENAME_EXCHANGE)), ENOENT);
  TK_EXPECT_EQ(posix(::renameat2(AT_FDCWD, "/r/file", AT_FDCWD, "/r/full", RENAME_EXCHANGE)), 0);
  TK_EXPECT(fake.is_directory("/r/file"));
  TK_EXPECT_EQ(fake.read_file("/r/full"), "1");
  TK_EXPECT_EQ(posix(::rename("/r/dir", "/r/empty")), 0, "a directory replaces an empty one");
  TK_EXPECT_EQ(posix(::rename("/r/full", "/r/other")), 0, "a file replaces a file");
  TK_EXPECT_EQ(fake.read_file("/r/other"), "1");
  TK_EXPECT_EQ(fake.list("/r"), (Names{"empty", "file", "other"}));
}

TK_TEST(FakeFsErrors, hard_links_share_contents_and_count_links) {
  FakeFilesystem fake;
  fake.create_file("/h/a", "one");
  fs::create_hard_link("/h/a", "/h/b");
  TK_EXPECT_EQ(fs::hard_link_count("/h/a"), 2u);
  TK_EXPECT(fs::equivalent("/h/a", "/h/b"));
  {
    std::FILE* out = std::fopen("/h/b", "a");
    TK_ASSERT(out != nullptr);
    std::fputs("+two", out);
    std::fclose(out);
  }
  TK_EXPECT_EQ(fake.read_file("/h/a"), "one+two");
  fs::remove("/h/a");
  TK_EXPECT_EQ(fs::hard_link_count("/h/b"), 1u);
  TK_EXPECT_EQ(posix(::link("/h/b", "/h/b")), EEXIST);
  TK_EXPECT_EQ(posix(::rename("/h/b", "/h/b")), 0, "renaming a name onto itself does nothing");
}

TK_TEST(FakeFsErrors, symlinks_resolve_like_the_kernel_and_loop_with_eloop) {
  FakeFilesystem fake;
  fake.create_file("/s/real/file", "data");
  fs::create_directory_symlink("real", "/s/dirlink");
  fs::create_symlink("/s/loop2", "/s/loop1");
  fs::create_symlink("/s/loop1", "/s/loop2");
  fs::create_symlink("missing", "/s/dangling");
  TK_EXPECT_EQ(fake.read_file("/s/dirlink/file"), "data");
  TK_EXPECT_EQ(fs::canonical("/s/dirlink/../dirlink/file"), fs::path("/s/real/file"));
  TK_EXPECT_EQ(error_of([] { (void)fs::canonical("/s/loop1"); }), ELOOP);
  TK_EXPECT_EQ(posix(::open("/s/loop1", O_RDONLY)), ELOOP);
  TK_EXPECT_EQ(posix(::open("/s/dirlink", O_RDONLY | O_NOFOLLOW)), ELOOP);
  TK_EXPECT(fs::is_symlink("/s/dangling"));
  TK_EXPECT(!fs::exists("/s/dangling"));
  const int fd = ::open("/s/dangling", O_WRONLY | O_CREAT, 0644);  // creates the target, as the kernel does
  TK_EXPECT_GE(fd, 0);
  ::close(fd);
  TK_EXPECT(fake.exists("/s/missing"));
  TK_EXPECT_EQ(fs::remove_all("/s/dirlink"), 1u, "remove_all of a symlink removes the link only");
  TK_EXPECT(fake.exists("/s/real/file"));
}

TK_TEST(FakeFsErrors, names_too_long_and_trailing_slashes) {
  FakeFilesystem fake;
  fake.create_file("/n/file", "x");
  const std::string long_name = "/n/" + std::string(256, 'a');
  TK_EXPECT_EQ(posix(::mkdir(long_name.c_str(), 0755)), ENAMETOOLONG);
  std::string long_path = "/n";
  while (long_path.size() < PATH_MAX) long_path += "/abcdefgh";
  TK_EXPECT_EQ(posix(::access(long_path.c_str(), F_OK)), ENAMETOOLONG);
  TK_EXPECT_EQ(posix(::open("/n/file/", O_RDONLY)), ENOTDIR);
  TK_EXPECT_EQ(posix(::open("/n/new/", O_WRONLY | O_CREAT, 0644)), EISDIR);
  TK_EXPECT_EQ(posix(::mkdir("/n/dir/", 0755)), 0);
  TK_EXPECT_EQ(posix(::unlink("/n/dir/")), EISDIR);
  TK_EXPECT_EQ(posix(::rmdir("/n/dir/.")), EINVAL);
  TK_EXPECT_EQ(posix(::rmdir("/n/file")), ENOTDIR);
  TK_EXPECT_EQ(posix(::rmdir("/n/dir/")), 0);
  TK_EXPECT_EQ(posix(::open("/n", O_WRONLY)), EISDIR);
}

TK_TEST(FakeFsErrors, cwd_and_relative_paths_are_the_fakes) {
  FakeFilesystem fake;
  fake.create_file("/home/user/notes.txt", "n");
  TK_EXPECT_EQ(fs::current_path(), fs::path("/"));
  fs::current_path("/home/user");
  TK_EXPECT_EQ(fs::current_path(), fs::path("/home/user"));
  TK_EXPECT_EQ(fs::file_size("notes.txt"), 1u);
  fs::create_directories("sub/deeper");
  TK_EXPECT(fake.is_directory("/home/user/sub/deeper"));
  TK_EXPECT_EQ(fs::canonical("sub/../notes.txt"), fs::path("/home/user/notes.txt"));
  TK_EXPECT_EQ(fs::absolute("x"), fs::path("/home/user/x"));
  fs::rename("notes.txt", "../moved.txt");
  TK_EXPECT(fake.exists("/home/moved.txt"));
  fs::current_path("sub");
  fs::remove_all("/home/user/sub");
  std::error_code error;
  (void)fs::current_path(error);
  TK_EXPECT_EQ(error.value(), ENOENT, "the cwd was removed");
}

TK_TEST(FakeFsErrors, permissions_are_checked_as_the_kernel_does) {
  FakeFilesystem fake;
  fake.create_file("/p/secret", "s", fs::perms::owner_write);
  fake.create_file("/p/script", "#!", fs::perms(0644));
  fs::permissions("/p/script", fs::perms::owner_exec, fs::perm_options::add);
  TK_EXPECT_EQ(fs::status("/p/script").permissions(), fs::perms(0744));
  TK_EXPECT_EQ(posix(::access("/p/secret", X_OK)), EACCES, "no one may execute it, root included");
  if (::geteuid() == 0) TK_SKIP("running as root: the kernel ignores read and write bits");
  TK_EXPECT_EQ(posix(::access("/p/secret", R_OK)), EACCES);
  TK_EXPECT_EQ(posix(::open("/p/secret", O_RDONLY)), EACCES);
  fs::permissions("/p", fs::perms(0555));
  TK_EXPECT_EQ(posix(::unlink("/p/script")), EACCES);
}

}  // namespace
