#pragma once
/// The libc functions the interposer exports, as one list that every layer derives its tables from.

#include <dirent.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <array>
#include <cstddef>
#include <cstdio>
#include <string_view>

// X(name, return type, parameter list): one entry per interposed function, in the form of its canonical
// (64-bit) declaration. The *64 aliases and _FORTIFY_SOURCE variants dispatch to the same entry.
// Calls that name a path: what MockFilesystem mocks.
#define TK_INTERPOSED_PATH_FUNCTIONS(X)                                                               \
  X(open, int, (const char* path, int flags, mode_t mode))                                            \
  X(openat, int, (int dirfd, const char* path, int flags, mode_t mode))                               \
  X(creat, int, (const char* path, mode_t mode))                                                      \
  X(fopen, FILE*, (const char* path, const char* mode))                                               \
  X(stat, int, (const char* path, struct stat* info))                                                 \
  X(lstat, int, (const char* path, struct stat* info))                                                \
  X(fstatat, int, (int dirfd, const char* path, struct stat* info, int flags))                        \
  X(statx, int, (int dirfd, const char* path, int flags, unsigned mask, struct statx* info))          \
  X(access, int, (const char* path, int mode))                                                        \
  X(faccessat, int, (int dirfd, const char* path, int mode, int flags))                               \
  X(truncate, int, (const char* path, off_t length))                                                  \
  X(utimensat, int, (int dirfd, const char* path, const struct timespec* times, int flags))           \
  X(chmod, int, (const char* path, mode_t mode))                                                      \
  X(fchmodat, int, (int dirfd, const char* path, mode_t mode, int flags))                             \
  X(statvfs, int, (const char* path, struct statvfs* info))                                           \
  X(opendir, DIR*, (const char* path))                                                                \
  X(mkdir, int, (const char* path, mode_t mode))                                                      \
  X(mkdirat, int, (int dirfd, const char* path, mode_t mode))                                         \
  X(rmdir, int, (const char* path))                                                                   \
  X(unlink, int, (const char* path))                                                                  \
  X(unlinkat, int, (int dirfd, const char* path, int flags))                                          \
  X(remove, int, (const char* path))                                                                  \
  X(rename, int, (const char* from, const char* to))                                                  \
  X(renameat, int, (int from_dirfd, const char* from, int to_dirfd, const char* to))                  \
  X(renameat2, int, (int from_dirfd, const char* from, int to_dirfd, const char* to, unsigned flags)) \
  X(link, int, (const char* from, const char* to))                                                    \
  X(symlink, int, (const char* target, const char* path))                                             \
  X(readlink, ssize_t, (const char* path, char* buffer, size_t size))                                 \
  X(realpath, char*, (const char* path, char* resolved))                                              \
  X(chdir, int, (const char* path))

// Calls on open descriptors and directory streams.
#define TK_INTERPOSED_DESCRIPTOR_FUNCTIONS(X)                                                    \
  X(close, int, (int fd))                                                                        \
  X(read, ssize_t, (int fd, void* buffer, size_t count))                                         \
  X(write, ssize_t, (int fd, const void* buffer, size_t count))                                  \
  X(writev, ssize_t, (int fd, const struct iovec* vector, int count))                            \
  X(pread, ssize_t, (int fd, void* buffer, size_t count, off_t offset))                          \
  X(pwrite, ssize_t, (int fd, const void* buffer, size_t count, off_t offset))                   \
  X(lseek, off_t, (int fd, off_t offset, int whence))                                            \
  X(fstat, int, (int fd, struct stat* info))                                                     \
  X(ftruncate, int, (int fd, off_t length))                                                      \
  X(fchmod, int, (int fd, mode_t mode))                                                          \
  X(sendfile, ssize_t, (int out_fd, int in_fd, off_t* offset, size_t count))                     \
  X(copy_file_range, ssize_t,                                                                    \
    (int in_fd, off_t* in_offset, int out_fd, off_t* out_offset, size_t length, unsigned flags)) \
  X(fdopendir, DIR*, (int fd))                                                                   \
  X(readdir, struct dirent*, (DIR * dir))                                                        \
  X(closedir, int, (DIR * dir))                                                                  \
  X(getcwd, char*, (char* buffer, size_t size))

// Sockets and name resolution: what MockNetwork mocks.
#define TK_INTERPOSED_NETWORK_FUNCTIONS(X)                                                                             \
  X(socket, int, (int domain, int type, int protocol))                                                                 \
  X(connect, int, (int fd, const struct sockaddr* address, socklen_t length))                                          \
  X(getaddrinfo, int, (const char* node, const char* service, const struct addrinfo* hints, struct addrinfo** result)) \
  X(freeaddrinfo, void, (struct addrinfo * list))                                                                      \
  X(send, ssize_t, (int fd, const void* buffer, size_t count, int flags))                                              \
  X(sendto, ssize_t,                                                                                                   \
    (int fd, const void* buffer, size_t count, int flags, const struct sockaddr* address, socklen_t length))           \
  X(recv, ssize_t, (int fd, void* buffer, size_t count, int flags))                                                    \
  X(recvfrom, ssize_t, (int fd, void* buffer, size_t count, int flags, struct sockaddr* address, socklen_t* length))   \
  X(poll, int, (struct pollfd * fds, nfds_t count, int timeout))

#define TK_INTERPOSED_FUNCTIONS(X) \
  TK_INTERPOSED_PATH_FUNCTIONS(X) TK_INTERPOSED_DESCRIPTOR_FUNCTIONS(X) TK_INTERPOSED_NETWORK_FUNCTIONS(X)

namespace testkit {

/// One interposed libc function.
enum class Function : int {
#define TK_INTERPOSED_ENUM(name, ret, params) name,
  TK_INTERPOSED_FUNCTIONS(TK_INTERPOSED_ENUM)
#undef TK_INTERPOSED_ENUM
};

/// How many interposed functions there are.
inline constexpr std::size_t function_count = 0
#define TK_INTERPOSED_COUNT(name, ret, params) +1
    TK_INTERPOSED_FUNCTIONS(TK_INTERPOSED_COUNT)
#undef TK_INTERPOSED_COUNT
    ;

/// The libc name of `function` ("unlink").
[[nodiscard]] constexpr std::string_view function_name(Function function) {
  constexpr std::array<std::string_view, function_count> names{
#define TK_INTERPOSED_NAME(name, ret, params) #name,
      TK_INTERPOSED_FUNCTIONS(TK_INTERPOSED_NAME)
#undef TK_INTERPOSED_NAME
  };
  return names[static_cast<std::size_t>(function)];
}

namespace detail {

/// The function type of `F`'s canonical declaration.
template <Function F> struct Signature;
#define TK_INTERPOSED_SIGNATURE(name, ret, params) \
  template <> struct Signature<Function::name> { using type = ret params; };
TK_INTERPOSED_FUNCTIONS(TK_INTERPOSED_SIGNATURE)
#undef TK_INTERPOSED_SIGNATURE

template <Function F> using SignatureOf = typename Signature<F>::type;
template <class S> struct ResultOfSignature;
template <class R, class... Args> struct ResultOfSignature<R(Args...)> { using type = R; };
/// What `F` returns.
template <Function F> using ResultOf = typename ResultOfSignature<SignatureOf<F>>::type;

}  // namespace detail

}  // namespace testkit
