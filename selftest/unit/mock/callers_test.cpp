// Patches seen by the real callers: std::filesystem, fstream and stdio inside libstdc++/libc, and POSIX.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

namespace {

namespace fs = std::filesystem;
using testkit::Patch;

fs::path scratch(const char* name) {
  fs::path path = fs::temp_directory_path() / ("testkit_callers_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(path);
  return path;
}

TK_TEST(Callers, filesystem_remove_ends_in_remove) {
  const fs::path file = scratch("remove");
  std::ofstream(file) << "x";
  {
    Patch p{testkit::libc::remove};
    p.fails(EBUSY);
    std::error_code error;
    TK_EXPECT(!fs::remove(file, error));
    TK_EXPECT_EQ(error.value(), EBUSY);
    TK_EXPECT(p.called_once_with(file.string()), "{}", p.describe_calls());
    TK_EXPECT(fs::exists(file));
  }
  fs::remove(file);
}

TK_TEST(Callers, filesystem_remove_all_ends_in_unlinkat) {
  const fs::path dir = scratch("remove_all");
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "a") << "x";
  Patch p{testkit::libc::unlinkat};
  std::uintmax_t removed = fs::remove_all(dir);
  TK_EXPECT_EQ(removed, 3u);
  // The entries inside go by unlinkat (relative to their directory's fd); the top directory by remove().
  TK_EXPECT_EQ(p.call_count(), 2u, "{}", p.describe_calls());
  TK_ASSERT_EQ(p.calls().size(), 2u);
  TK_EXPECT_EQ(p.calls()[1].arguments.at(1), "sub");
  TK_EXPECT(!fs::exists(dir));
}

TK_TEST(Callers, filesystem_create_directory_ends_in_mkdir) {
  const fs::path dir = scratch("mkdir");
  Patch p{testkit::libc::mkdir};
  p.fails(ENOSPC);
  std::error_code error;
  fs::create_directory(dir, error);
  TK_EXPECT_EQ(error.value(), ENOSPC);
  TK_EXPECT(!fs::exists(dir));
}

TK_TEST(Callers, filesystem_status_ends_in_stat) {
  Patch p{testkit::libc::stat};
  p.fails(EACCES);
  std::error_code error;
  (void)fs::status("/etc", error);
  TK_EXPECT_EQ(error.value(), EACCES);
  TK_EXPECT(p.called_with("/etc"));
}

TK_TEST(Callers, ofstream_opens_with_fopen64_and_fails_when_patched) {
  const fs::path file = scratch("ofstream");
  Patch p{testkit::libc::fopen};
  p.fails(EACCES);
  std::ofstream out(file);
  TK_EXPECT(!out.is_open());
  TK_EXPECT(p.called_with(file.string()), "{}", p.describe_calls());
}

TK_TEST(Callers, ofstream_flush_writes_with_write) {
  const fs::path file = scratch("flush");
  Patch p{testkit::libc::write};
  p.fails(ENOSPC);
  {
    std::ofstream out(file);
    out << "data";
    out.flush();
    TK_EXPECT(out.fail(), "a failed write sets failbit");
  }
  TK_EXPECT(p.called());
  fs::remove(file);
}

// stdio's own reads and writes are calls inside libc, which no interposer sees; its fopen is not.
TK_TEST(Callers, stdio_fopen_is_patched) {
  Patch p{testkit::libc::fopen};
  p.fails(ENFILE);
  errno = 0;
  TK_EXPECT(std::fopen("/etc/hostname", "r") == nullptr);
  TK_EXPECT_EQ(errno, ENFILE);
  TK_EXPECT(p.called_once_with("/etc/hostname", "r"));
}

TK_TEST(Callers, ifstream_reads_with_read) {
  const fs::path file = scratch("ifstream");
  std::ofstream(file) << "hello";
  Patch p{testkit::libc::read};
  std::ifstream in(file);
  std::string word;
  in >> word;
  TK_EXPECT_EQ(word, "hello");
  TK_EXPECT(p.called());
  fs::remove(file);
}

TK_TEST(Callers, filesystem_directory_iterator_opens_with_openat) {
  Patch p{testkit::libc::openat};
  p.fails(EMFILE);
  std::error_code error;
  fs::directory_iterator it("/", error);
  TK_EXPECT_EQ(error.value(), EMFILE);
  TK_EXPECT(p.called(), "{}", p.describe_calls());
}

}  // namespace
