// Interposed file-descriptor and metadata calls (shared library testkit_interpose). The 64-bit aliases libstdc++
// imports and the _FORTIFY_SOURCE entry points dispatch to the canonical entry: on LP64 glibc the types agree.
#include <testkit/interpose/detail/exported.hpp>

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdarg>

static_assert(sizeof(off_t) == sizeof(off64_t) && sizeof(struct stat) == sizeof(struct stat64) &&
                  sizeof(struct statvfs) == sizeof(struct statvfs64),
              "the *64 aliases share the canonical entries only where off_t is 64 bits");

extern "C" __attribute__((visibility("default"))) int open(const char* path, int flags, ...) {
  TK_OPEN_MODE(flags, flags)
  return testkit::detail::call<testkit::Function::open>(path, flags, mode);
}
extern "C" __attribute__((visibility("default"))) int open64(const char* path, int flags, ...) {
  TK_OPEN_MODE(flags, flags)
  return testkit::detail::call<testkit::Function::open>(path, flags, mode);
}
extern "C" __attribute__((visibility("default"))) int openat(int dirfd, const char* path, int flags, ...) {
  TK_OPEN_MODE(flags, flags)
  return testkit::detail::call<testkit::Function::openat>(dirfd, path, flags, mode);
}
extern "C" __attribute__((visibility("default"))) int openat64(int dirfd, const char* path, int flags, ...) {
  TK_OPEN_MODE(flags, flags)
  return testkit::detail::call<testkit::Function::openat>(dirfd, path, flags, mode);
}
// What fortified callers reach when open's mode is missing: never O_CREAT, so no mode.
TK_INTERPOSE(int, __open_2, (const char* path, int flags), open, (path, flags, mode_t{0}))
TK_INTERPOSE(int, __open64_2, (const char* path, int flags), open, (path, flags, mode_t{0}))
TK_INTERPOSE(int, __openat_2, (int dirfd, const char* path, int flags), openat, (dirfd, path, flags, mode_t{0}))
TK_INTERPOSE(int, __openat64_2, (int dirfd, const char* path, int flags), openat, (dirfd, path, flags, mode_t{0}))
TK_INTERPOSE(int, creat, (const char* path, mode_t mode), creat, (path, mode))
TK_INTERPOSE(int, creat64, (const char* path, mode_t mode), creat, (path, mode))
TK_INTERPOSE(int, close, (int fd), close, (fd))

TK_INTERPOSE(ssize_t, read, (int fd, void* buffer, size_t count), read, (fd, buffer, count))
TK_INTERPOSE(ssize_t, __read_chk, (int fd, void* buffer, size_t count, size_t), read, (fd, buffer, count))
TK_INTERPOSE(ssize_t, write, (int fd, const void* buffer, size_t count), write, (fd, buffer, count))
TK_INTERPOSE(ssize_t, writev, (int fd, const struct iovec* vector, int count), writev, (fd, vector, count))
TK_INTERPOSE(ssize_t, pread, (int fd, void* buffer, size_t count, off_t offset), pread, (fd, buffer, count, offset))
TK_INTERPOSE(ssize_t, pread64, (int fd, void* buffer, size_t count, off64_t offset), pread, (fd, buffer, count, offset))
TK_INTERPOSE(ssize_t, pwrite, (int fd, const void* buffer, size_t count, off_t offset), pwrite,
             (fd, buffer, count, offset))
TK_INTERPOSE(ssize_t, pwrite64, (int fd, const void* buffer, size_t count, off64_t offset), pwrite,
             (fd, buffer, count, offset))
TK_INTERPOSE(off_t, lseek, (int fd, off_t offset, int whence), lseek, (fd, offset, whence), noexcept)
TK_INTERPOSE(off64_t, lseek64, (int fd, off64_t offset, int whence), lseek, (fd, offset, whence), noexcept)

TK_INTERPOSE(int, stat, (const char* path, struct stat* info), stat, (path, info), noexcept)
TK_INTERPOSE(int, stat64, (const char* path, struct stat64* info), stat, (path, reinterpret_cast<struct stat*>(info)),
             noexcept)
TK_INTERPOSE(int, lstat, (const char* path, struct stat* info), lstat, (path, info), noexcept)
TK_INTERPOSE(int, lstat64, (const char* path, struct stat64* info), lstat, (path, reinterpret_cast<struct stat*>(info)),
             noexcept)
TK_INTERPOSE(int, fstat, (int fd, struct stat* info), fstat, (fd, info), noexcept)
TK_INTERPOSE(int, fstat64, (int fd, struct stat64* info), fstat, (fd, reinterpret_cast<struct stat*>(info)), noexcept)
TK_INTERPOSE(int, fstatat, (int dirfd, const char* path, struct stat* info, int flags), fstatat,
             (dirfd, path, info, flags), noexcept)
TK_INTERPOSE(int, fstatat64, (int dirfd, const char* path, struct stat64* info, int flags), fstatat,
             (dirfd, path, reinterpret_cast<struct stat*>(info), flags), noexcept)
TK_INTERPOSE(int, statx, (int dirfd, const char* path, int flags, unsigned mask, struct statx* info), statx,
             (dirfd, path, flags, mask, info), noexcept)
TK_INTERPOSE(int, access, (const char* path, int mode), access, (path, mode), noexcept)
TK_INTERPOSE(int, faccessat, (int dirfd, const char* path, int mode, int flags), faccessat, (dirfd, path, mode, flags),
             noexcept)

TK_INTERPOSE(int, truncate, (const char* path, off_t length), truncate, (path, length), noexcept)
TK_INTERPOSE(int, truncate64, (const char* path, off64_t length), truncate, (path, length), noexcept)
TK_INTERPOSE(int, ftruncate, (int fd, off_t length), ftruncate, (fd, length), noexcept)
TK_INTERPOSE(int, ftruncate64, (int fd, off64_t length), ftruncate, (fd, length), noexcept)
TK_INTERPOSE(int, utimensat, (int dirfd, const char* path, const struct timespec times[2], int flags), utimensat,
             (dirfd, path, times, flags), noexcept)
TK_INTERPOSE(int, chmod, (const char* path, mode_t mode), chmod, (path, mode), noexcept)
TK_INTERPOSE(int, fchmodat, (int dirfd, const char* path, mode_t mode, int flags), fchmodat, (dirfd, path, mode, flags),
             noexcept)
TK_INTERPOSE(int, fchmod, (int fd, mode_t mode), fchmod, (fd, mode), noexcept)
TK_INTERPOSE(int, statvfs, (const char* path, struct statvfs* info), statvfs, (path, info), noexcept)
TK_INTERPOSE(int, statvfs64, (const char* path, struct statvfs64* info), statvfs,
             (path, reinterpret_cast<struct statvfs*>(info)), noexcept)
TK_INTERPOSE(ssize_t, sendfile, (int out_fd, int in_fd, off_t* offset, size_t count), sendfile,
             (out_fd, in_fd, offset, count), noexcept)
TK_INTERPOSE(ssize_t, sendfile64, (int out_fd, int in_fd, off64_t* offset, size_t count), sendfile,
             (out_fd, in_fd, offset, count), noexcept)
TK_INTERPOSE(ssize_t, copy_file_range,
             (int in_fd, off64_t* in_offset, int out_fd, off64_t* out_offset, size_t length, unsigned flags),
             copy_file_range, (in_fd, in_offset, out_fd, out_offset, length, flags))
