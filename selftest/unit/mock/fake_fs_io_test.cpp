// File contents through every way code reads and writes them: fstream, stdio, POSIX descriptors, mmap.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <testkit/fake_fs.hpp>
#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;
using testkit::FakeFilesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

TK_TEST(FakeFsIo, fstream_writes_appends_and_reads) {
  FakeFilesystem fake;
  fs::create_directory("/io");
  {
    std::ofstream out("/io/log.txt");
    TK_ASSERT(out.is_open());
    out << "first\n";
  }
  std::ofstream("/io/log.txt", std::ios::app) << "second\n";
  TK_EXPECT_EQ(slurp("/io/log.txt"), "first\nsecond\n");
  TK_EXPECT_EQ(fs::file_size("/io/log.txt"), 13u);
  std::ofstream("/io/log.txt") << "new";  // truncates
  TK_EXPECT_EQ(fake.read_file("/io/log.txt"), "new");
  std::ifstream missing("/io/none.txt");
  TK_EXPECT(!missing.is_open());
}

TK_TEST(FakeFsIo, stdio_reads_and_writes_through_fopen) {
  FakeFilesystem fake;
  fake.create_file("/io/in.txt", "12 34\n");
  std::FILE* in = std::fopen("/io/in.txt", "r");
  TK_ASSERT(in != nullptr);
  int a = 0, b = 0;
  TK_EXPECT_EQ(std::fscanf(in, "%d %d", &a, &b), 2);
  std::fclose(in);
  TK_EXPECT_EQ(a + b, 46);
  std::FILE* out = std::fopen("/io/out.txt", "w");
  TK_ASSERT(out != nullptr);
  std::fprintf(out, "sum=%d\n", a + b);
  std::fclose(out);
  TK_EXPECT_EQ(fake.read_file("/io/out.txt"), "sum=46\n");
  TK_EXPECT(std::fopen("/io/none.txt", "r") == nullptr);
  TK_EXPECT_EQ(errno, ENOENT);
  TK_EXPECT(std::fopen("/io/out.txt", "wx") == nullptr);
  TK_EXPECT_EQ(errno, EEXIST);
}

TK_TEST(FakeFsIo, concurrent_opens_have_independent_offsets) {
  FakeFilesystem fake;
  fake.create_file("/io/data", "abcdef");
  const int first = ::open("/io/data", O_RDONLY);
  const int second = ::open("/io/data", O_RDWR);
  TK_ASSERT_GE(first, 0);
  TK_ASSERT_GE(second, 0);
  char buffer[4] = {};
  TK_EXPECT_EQ(::read(first, buffer, 2), 2);
  TK_EXPECT_EQ(std::string(buffer, 2), "ab");
  TK_EXPECT_EQ(::read(second, buffer, 3), 3);
  TK_EXPECT_EQ(std::string(buffer, 3), "abc");
  TK_EXPECT_EQ(::write(second, "XY", 2), 2);
  TK_EXPECT_EQ(::read(first, buffer, 4), 4);
  TK_EXPECT_EQ(std::string(buffer, 4), "cXYf");
  struct stat info {};
  TK_EXPECT_EQ(::fstat(first, &info), 0);
  TK_EXPECT_EQ(info.st_size, 6);
  TK_EXPECT(S_ISREG(info.st_mode));
  TK_EXPECT_EQ(info.st_nlink, 1u);
  TK_EXPECT_EQ(::ftruncate(second, 2), 0);
  TK_EXPECT_EQ(fake.read_file("/io/data"), "ab");
  ::close(first);
  ::close(second);
}

TK_TEST(FakeFsIo, append_mode_and_mmap_are_the_kernels) {
  FakeFilesystem fake;
  fake.create_file("/io/a", "123");
  const int fd = ::open("/io/a", O_WRONLY | O_APPEND);
  TK_ASSERT_GE(fd, 0);
  ::lseek(fd, 0, SEEK_SET);
  TK_EXPECT_EQ(::write(fd, "4", 1), 1);
  ::close(fd);
  TK_EXPECT_EQ(fake.read_file("/io/a"), "1234");
  const int rd = ::open("/io/a", O_RDONLY);
  void* map = ::mmap(nullptr, 4, PROT_READ, MAP_SHARED, rd, 0);
  TK_ASSERT(map != MAP_FAILED);
  TK_EXPECT_EQ(std::string(static_cast<const char*>(map), 4), "1234");
  ::munmap(map, 4);
  ::close(rd);
}

TK_TEST(FakeFsIo, directories_iterate_plainly_and_recursively) {
  FakeFilesystem fake;
  fake.create_file("/t/a.txt", "a");
  fake.create_file("/t/sub/b.txt", "bb");
  fake.create_file("/t/sub/deep/c.txt", "ccc");
  fake.create_symlink("sub", "/t/link");
  std::vector<std::string> top;
  for (const auto& entry : fs::directory_iterator("/t"))
    top.push_back(entry.path().filename().string() + (entry.is_symlink() ? "@" : entry.is_directory() ? "/" : ""));
  std::sort(top.begin(), top.end());
  TK_EXPECT_EQ(top, (std::vector<std::string>{"a.txt", "link@", "sub/"}));
  std::uintmax_t bytes = 0;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator("/t"))
    if (entry.is_regular_file() && !entry.is_symlink()) {
      bytes += entry.file_size();
      ++files;
    }
  TK_EXPECT_EQ(files, 3);
  TK_EXPECT_EQ(bytes, 6u);
  fs::copy("/t", "/copy", fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  TK_EXPECT_EQ(fake.read_file("/copy/sub/deep/c.txt"), "ccc");
  TK_EXPECT(fs::is_symlink("/copy/link"));
  fs::copy("/t/a.txt", "/copy/a.txt", fs::copy_options::skip_existing);
  std::error_code error;
  fs::copy("/t/a.txt", "/copy/a.txt", error);
  TK_EXPECT_EQ(error.value(), EEXIST);
  TK_EXPECT_EQ(fs::space("/").capacity > 0, true);
}

}  // namespace
