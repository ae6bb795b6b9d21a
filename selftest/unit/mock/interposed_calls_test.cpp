// Every interposed entry point, called directly: patched (fails with EDOM) and passed through (real result).
#include <dirent.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

#include "support/sanitizers.hpp"

// The _FORTIFY_SOURCE entry points, declared by glibc's headers only when fortifying.
extern "C" int __open_2(const char* path, int flags);
extern "C" int __openat_2(int dirfd, const char* path, int flags);
extern "C" ssize_t __read_chk(int fd, void* buffer, size_t count, size_t buffer_size);

namespace {

namespace fs = std::filesystem;

/// What each case works on: a fresh directory with a file "f" ("abc"), a directory "d", a symlink "l",
/// open descriptors, a connected socket pair with one byte waiting, and a listening TCP socket.
struct Fixture {
  // Unique per fixture: the suite also runs on a thread pool.
  fs::path root = fs::temp_directory_path() / ("testkit_calls_" + std::to_string(::getpid()) + "_" +
                                               std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  std::string f = (root / "f").string();
  std::string d = (root / "d").string();
  std::string l = (root / "l").string();
  std::string fresh = (root / "fresh").string();
  int fd = -1;
  int spare_fd = -1;
  DIR* dir = nullptr;
  int pair[2] = {-1, -1};
  int listener = -1;
  sockaddr_in address{};

  Fixture() {
    fs::remove_all(root);
    fs::create_directories(d);
    std::FILE* file = std::fopen(f.c_str(), "w");
    std::fputs("abc", file);
    std::fclose(file);
    fs::create_symlink(f, l);
    fd = ::open(f.c_str(), O_RDWR);
    spare_fd = ::dup(fd);
    dir = ::opendir(d.c_str());
    ::socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    (void)::write(pair[1], "x", 1);
    listener = ::socket(AF_INET, SOCK_STREAM, 0);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    ::listen(listener, 4);
  }
  ~Fixture() {
    for (int open_fd : {fd, spare_fd, pair[0], pair[1], listener})
      if (open_fd >= 0) ::close(open_fd);
    if (dir != nullptr) ::closedir(dir);
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
};

long long number(const void* pointer) { return static_cast<long long>(reinterpret_cast<std::intptr_t>(pointer)); }
long long closed_fd(int fd) {
  if (fd >= 0) ::close(fd);
  return fd;
}
long long closed_file(std::FILE* file) {
  if (file != nullptr) std::fclose(file);
  return number(file);
}
long long closed_dir(DIR* dir) {
  if (dir != nullptr) ::closedir(dir);
  return number(dir);
}

enum class Fails { as_minus_one, as_null, in_result, never };

struct Case {
  const char* entry;
  testkit::Target target;
  Fails fails;
  std::function<long long(Fixture&)> call;
};

const std::vector<Case>& cases() {
  using namespace testkit;
  // One row per entry point: a table to read down, kept as written.
  // clang-format off
  static const std::vector<Case> all{
      {"open", libc::open, Fails::as_minus_one, [](Fixture& x) { return closed_fd(::open(x.f.c_str(), O_RDONLY)); }},
      {"open64", libc::open, Fails::as_minus_one,
       [](Fixture& x) { return closed_fd(::open64(x.fresh.c_str(), O_WRONLY | O_CREAT, 0600)); }},
      {"__open_2", libc::open, Fails::as_minus_one, [](Fixture& x) { return closed_fd(__open_2(x.f.c_str(), O_RDONLY)); }},
      {"openat", libc::openat, Fails::as_minus_one,
       [](Fixture& x) { return closed_fd(::openat(AT_FDCWD, x.f.c_str(), O_RDONLY)); }},
      {"openat64", libc::openat, Fails::as_minus_one,
       [](Fixture& x) { return closed_fd(::openat64(AT_FDCWD, x.fresh.c_str(), O_WRONLY | O_CREAT, 0600)); }},
      {"__openat_2", libc::openat, Fails::as_minus_one,
       [](Fixture& x) { return closed_fd(__openat_2(AT_FDCWD, x.f.c_str(), O_RDONLY)); }},
      {"creat", libc::creat, Fails::as_minus_one, [](Fixture& x) { return closed_fd(::creat(x.fresh.c_str(), 0600)); }},
      {"creat64", libc::creat, Fails::as_minus_one, [](Fixture& x) { return closed_fd(::creat64(x.fresh.c_str(), 0600)); }},
      {"fopen", libc::fopen, Fails::as_null, [](Fixture& x) { return closed_file(std::fopen(x.f.c_str(), "r")); }},
      {"fopen64", libc::fopen, Fails::as_null, [](Fixture& x) { return closed_file(::fopen64(x.f.c_str(), "r")); }},
      {"close", libc::close, Fails::as_minus_one, [](Fixture& x) {
         const int result = ::close(x.spare_fd);
         if (result == 0) x.spare_fd = -1;
         return result;
       }},
      {"read", libc::read, Fails::as_minus_one, [](Fixture& x) { char c; return ::read(x.fd, &c, 1); }},
      {"__read_chk", libc::read, Fails::as_minus_one, [](Fixture& x) { char c; return __read_chk(x.fd, &c, 1, 1); }},
      {"write", libc::write, Fails::as_minus_one, [](Fixture& x) { return ::write(x.fd, "z", 1); }},
      {"writev", libc::writev, Fails::as_minus_one, [](Fixture& x) {
         char text[] = "z";
         const iovec part{text, 1};
         return ::writev(x.fd, &part, 1);
       }},
      {"pread", libc::pread, Fails::as_minus_one, [](Fixture& x) { char c; return ::pread(x.fd, &c, 1, 0); }},
      {"pread64", libc::pread, Fails::as_minus_one, [](Fixture& x) { char c; return ::pread64(x.fd, &c, 1, 0); }},
      {"pwrite", libc::pwrite, Fails::as_minus_one, [](Fixture& x) { return ::pwrite(x.fd, "z", 1, 0); }},
      {"pwrite64", libc::pwrite, Fails::as_minus_one, [](Fixture& x) { return ::pwrite64(x.fd, "z", 1, 0); }},
      {"lseek", libc::lseek, Fails::as_minus_one, [](Fixture& x) { return ::lseek(x.fd, 1, SEEK_SET); }},
      {"lseek64", libc::lseek, Fails::as_minus_one, [](Fixture& x) { return ::lseek64(x.fd, 1, SEEK_SET); }},
      {"stat", libc::stat, Fails::as_minus_one, [](Fixture& x) { struct stat s; return ::stat(x.f.c_str(), &s); }},
      {"stat64", libc::stat, Fails::as_minus_one, [](Fixture& x) { struct stat64 s; return ::stat64(x.f.c_str(), &s); }},
      {"lstat", libc::lstat, Fails::as_minus_one, [](Fixture& x) { struct stat s; return ::lstat(x.l.c_str(), &s); }},
      {"lstat64", libc::lstat, Fails::as_minus_one,
       [](Fixture& x) { struct stat64 s; return ::lstat64(x.l.c_str(), &s); }},
      {"fstat", libc::fstat, Fails::as_minus_one, [](Fixture& x) { struct stat s; return ::fstat(x.fd, &s); }},
      {"fstat64", libc::fstat, Fails::as_minus_one, [](Fixture& x) { struct stat64 s; return ::fstat64(x.fd, &s); }},
      {"fstatat", libc::fstatat, Fails::as_minus_one,
       [](Fixture& x) { struct stat s; return ::fstatat(AT_FDCWD, x.f.c_str(), &s, 0); }},
      {"fstatat64", libc::fstatat, Fails::as_minus_one,
       [](Fixture& x) { struct stat64 s; return ::fstatat64(AT_FDCWD, x.f.c_str(), &s, 0); }},
      {"statx", libc::statx, Fails::as_minus_one,
       [](Fixture& x) { struct statx s; return ::statx(AT_FDCWD, x.f.c_str(), 0, STATX_BASIC_STATS, &s); }},
      {"access", libc::access, Fails::as_minus_one, [](Fixture& x) { return ::access(x.f.c_str(), R_OK); }},
      {"faccessat", libc::faccessat, Fails::as_minus_one,
       [](Fixture& x) { return ::faccessat(AT_FDCWD, x.f.c_str(), R_OK, 0); }},
      {"truncate", libc::truncate, Fails::as_minus_one, [](Fixture& x) { return ::truncate(x.f.c_str(), 1); }},
      {"truncate64", libc::truncate, Fails::as_minus_one, [](Fixture& x) { return ::truncate64(x.f.c_str(), 1); }},
      {"ftruncate", libc::ftruncate, Fails::as_minus_one, [](Fixture& x) { return ::ftruncate(x.fd, 1); }},
      {"ftruncate64", libc::ftruncate, Fails::as_minus_one, [](Fixture& x) { return ::ftruncate64(x.fd, 1); }},
      {"utimensat", libc::utimensat, Fails::as_minus_one,
       [](Fixture& x) { return ::utimensat(AT_FDCWD, x.f.c_str(), nullptr, 0); }},
      {"chmod", libc::chmod, Fails::as_minus_one, [](Fixture& x) { return ::chmod(x.f.c_str(), 0600); }},
      {"fchmodat", libc::fchmodat, Fails::as_minus_one,
       [](Fixture& x) { return ::fchmodat(AT_FDCWD, x.f.c_str(), 0600, 0); }},
      {"fchmod", libc::fchmod, Fails::as_minus_one, [](Fixture& x) { return ::fchmod(x.fd, 0600); }},
      {"statvfs", libc::statvfs, Fails::as_minus_one, [](Fixture& x) { struct statvfs s; return ::statvfs(x.f.c_str(), &s); }},
      {"statvfs64", libc::statvfs, Fails::as_minus_one,
       [](Fixture& x) { struct statvfs64 s; return ::statvfs64(x.f.c_str(), &s); }},
      {"sendfile", libc::sendfile, Fails::as_minus_one, [](Fixture& x) {
         off_t offset = 0;
         return ::sendfile(x.pair[0], x.fd, &offset, 1);
       }},
      {"sendfile64", libc::sendfile, Fails::as_minus_one, [](Fixture& x) {
         off64_t offset = 0;
         return ::sendfile64(x.pair[0], x.fd, &offset, 1);
       }},
      {"copy_file_range", libc::copy_file_range, Fails::as_minus_one, [](Fixture& x) {
         const int out = ::open(x.fresh.c_str(), O_WRONLY | O_CREAT, 0600);
         off64_t offset = 0;
         const ssize_t result = ::copy_file_range(x.fd, &offset, out, nullptr, 3, 0);
         ::close(out);
         return result;
       }},
      {"opendir", libc::opendir, Fails::as_null, [](Fixture& x) { return closed_dir(::opendir(x.d.c_str())); }},
      {"fdopendir", libc::fdopendir, Fails::as_null, [](Fixture& x) {
         const int fd = ::open(x.d.c_str(), O_RDONLY | O_DIRECTORY);
         DIR* const dir = ::fdopendir(fd);
         if (dir == nullptr) ::close(fd);
         return closed_dir(dir);
       }},
      {"readdir", libc::readdir, Fails::as_null, [](Fixture& x) { return number(::readdir(x.dir)); }},
      {"readdir64", libc::readdir, Fails::as_null, [](Fixture& x) { return number(::readdir64(x.dir)); }},
      {"closedir", libc::closedir, Fails::as_minus_one, [](Fixture& x) {
         const int result = ::closedir(x.dir);
         if (result == 0) x.dir = nullptr;
         return result;
       }},
      {"mkdir", libc::mkdir, Fails::as_minus_one, [](Fixture& x) { return ::mkdir(x.fresh.c_str(), 0700); }},
      {"mkdirat", libc::mkdirat, Fails::as_minus_one,
       [](Fixture& x) { return ::mkdirat(AT_FDCWD, x.fresh.c_str(), 0700); }},
      {"rmdir", libc::rmdir, Fails::as_minus_one, [](Fixture& x) { return ::rmdir(x.d.c_str()); }},
      {"unlink", libc::unlink, Fails::as_minus_one, [](Fixture& x) { return ::unlink(x.f.c_str()); }},
      {"unlinkat", libc::unlinkat, Fails::as_minus_one,
       [](Fixture& x) { return ::unlinkat(AT_FDCWD, x.f.c_str(), 0); }},
      {"remove", libc::remove, Fails::as_minus_one, [](Fixture& x) { return std::remove(x.f.c_str()); }},
      {"rename", libc::rename, Fails::as_minus_one,
       [](Fixture& x) { return std::rename(x.f.c_str(), x.fresh.c_str()); }},
      {"renameat", libc::renameat, Fails::as_minus_one,
       [](Fixture& x) { return ::renameat(AT_FDCWD, x.f.c_str(), AT_FDCWD, x.fresh.c_str()); }},
      {"renameat2", libc::renameat2, Fails::as_minus_one,
       [](Fixture& x) { return ::renameat2(AT_FDCWD, x.f.c_str(), AT_FDCWD, x.fresh.c_str(), 0); }},
      {"link", libc::link, Fails::as_minus_one, [](Fixture& x) { return ::link(x.f.c_str(), x.fresh.c_str()); }},
      {"symlink", libc::symlink, Fails::as_minus_one,
       [](Fixture& x) { return ::symlink(x.f.c_str(), x.fresh.c_str()); }},
      {"readlink", libc::readlink, Fails::as_minus_one, [](Fixture& x) {
         char target[512];
         return ::readlink(x.l.c_str(), target, sizeof target);
       }},
      {"realpath", libc::realpath, Fails::as_null, [](Fixture& x) {
         char* const resolved = ::realpath(x.l.c_str(), nullptr);
         const long long result = number(resolved);
         std::free(resolved);
         return result;
       }},
      {"chdir", libc::chdir, Fails::as_minus_one,
       [](Fixture&) { return ::chdir(fs::current_path().c_str()); }},
      {"getcwd", libc::getcwd, Fails::as_null, [](Fixture&) {
         static char buffer[4096];
         return number(::getcwd(buffer, sizeof buffer));
       }},
      {"socket", libc::socket, Fails::as_minus_one, [](Fixture&) { return closed_fd(::socket(AF_UNIX, SOCK_STREAM, 0)); }},
      {"connect", libc::connect, Fails::as_minus_one, [](Fixture& x) {
         const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
         const int result = ::connect(fd, reinterpret_cast<const sockaddr*>(&x.address), sizeof x.address);
         ::close(fd);
         return result;
       }},
      {"getaddrinfo", libc::getaddrinfo, Fails::in_result, [](Fixture&) {
         addrinfo* list = nullptr;
         const int result = ::getaddrinfo("localhost", nullptr, nullptr, &list);
         if (result == 0) ::freeaddrinfo(list);
         return result;
       }},
      {"freeaddrinfo", libc::freeaddrinfo, Fails::never, [](Fixture&) {
         ::freeaddrinfo(nullptr);
         return 0;
       }},
      {"send", libc::send, Fails::as_minus_one, [](Fixture& x) { return ::send(x.pair[0], "x", 1, MSG_DONTWAIT); }},
      {"sendto", libc::sendto, Fails::as_minus_one,
       [](Fixture& x) { return ::sendto(x.pair[0], "x", 1, MSG_DONTWAIT, nullptr, 0); }},
      {"recv", libc::recv, Fails::as_minus_one, [](Fixture& x) { char c; return ::recv(x.pair[0], &c, 1, MSG_DONTWAIT); }},
      {"recvfrom", libc::recvfrom, Fails::as_minus_one,
       [](Fixture& x) { char c; return ::recvfrom(x.pair[0], &c, 1, MSG_DONTWAIT, nullptr, nullptr); }},
      {"poll", libc::poll, Fails::as_minus_one, [](Fixture& x) {
         pollfd watched{x.pair[0], POLLOUT, 0};
         return ::poll(&watched, 1, 0);
       }},
  };
  // clang-format on
  return all;
}

// Whether a call of `c`'s entry point reaches testkit's interposer in this build.
bool reaches_the_interposer(const Case& c) {
  const std::string_view entry = c.entry;
  return testkit::selftest::fstat_reaches_the_interposer || (entry != "fstat" && entry != "fstat64");
}

TK_TEST(InterposedCalls, every_entry_point_answers_with_its_patch) {
  for (const Case& c : cases()) {
    if (!reaches_the_interposer(c)) continue;
    Fixture fixture;
    testkit::Patch patch{c.target};
    patch.fails(c.fails == Fails::in_result ? EAI_AGAIN : EDOM);
    errno = 0;
    const long long result = c.call(fixture);
    const int error = errno;
    TK_EXPECT_EQ(patch.call_count(), 1u, "{}: {}", c.entry, patch.describe_calls());
    if (c.fails == Fails::as_minus_one)
      TK_EXPECT((result == -1 && error == EDOM), "{}: {} errno {}", c.entry, result, error);
    if (c.fails == Fails::as_null) TK_EXPECT((result == 0 && error == EDOM), "{}: {} errno {}", c.entry, result, error);
    if (c.fails == Fails::in_result) TK_EXPECT_EQ(result, EAI_AGAIN, "{}", c.entry);
  }
}

TK_TEST(InterposedCalls, every_entry_point_passes_through_to_libc) {
  for (const Case& c : cases()) {
    if (!reaches_the_interposer(c)) continue;
    Fixture fixture;
    testkit::Patch patch{c.target};  // records, answers nothing
    errno = 0;
    const long long result = c.call(fixture);
    TK_EXPECT_EQ(patch.call_count(), 1u, "{}: {}", c.entry, patch.describe_calls());
    if (c.fails == Fails::as_minus_one) TK_EXPECT(result >= 0, "{}: {} errno {}", c.entry, result, errno);
    if (c.fails == Fails::as_null) TK_EXPECT(result != 0, "{}: null, errno {}", c.entry, errno);
    if (c.fails == Fails::in_result) TK_EXPECT_EQ(result, 0, "{}", c.entry);
  }
}

TK_TEST(InterposedCalls, unpatched_entry_points_reach_libc) {
  for (const Case& c : cases()) {
    Fixture fixture;
    const long long result = c.call(fixture);
    if (c.fails == Fails::as_minus_one) TK_EXPECT(result >= 0, "{}: {} errno {}", c.entry, result, errno);
    if (c.fails == Fails::as_null) TK_EXPECT(result != 0, "{}: null", c.entry);
  }
}

}  // namespace
