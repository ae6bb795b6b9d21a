// Interposed directory and name calls (shared library testkit_interpose): what std::filesystem ends in.
#include <testkit/interpose/detail/exported.hpp>
#include <testkit/interpose/process_state.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

static_assert(sizeof(struct dirent) == sizeof(struct dirent64), "readdir64 shares readdir's entry on LP64");

TK_INTERPOSE(DIR*, opendir, (const char* path), opendir, (path))
TK_INTERPOSE(DIR*, fdopendir, (int fd), fdopendir, (fd))
TK_INTERPOSE(struct dirent*, readdir, (DIR * dir), readdir, (dir))
extern "C" __attribute__((visibility("default"))) struct dirent64* readdir64(DIR* dir) {
  return reinterpret_cast<struct dirent64*>(testkit::detail::call<testkit::Function::readdir>(dir));
}
TK_INTERPOSE(int, closedir, (DIR * dir), closedir, (dir))
TK_INTERPOSE(int, mkdir, (const char* path, mode_t mode), mkdir, (path, mode), noexcept)
TK_INTERPOSE(int, mkdirat, (int dirfd, const char* path, mode_t mode), mkdirat, (dirfd, path, mode), noexcept)
TK_INTERPOSE(int, rmdir, (const char* path), rmdir, (path), noexcept)
TK_INTERPOSE(int, unlink, (const char* path), unlink, (path), noexcept)
TK_INTERPOSE(int, unlinkat, (int dirfd, const char* path, int flags), unlinkat, (dirfd, path, flags), noexcept)
TK_INTERPOSE(int, remove, (const char* path), remove, (path), noexcept)
TK_INTERPOSE(int, rename, (const char* from, const char* to), rename, (from, to), noexcept)
TK_INTERPOSE(int, renameat, (int from_dirfd, const char* from, int to_dirfd, const char* to), renameat,
             (from_dirfd, from, to_dirfd, to), noexcept)
TK_INTERPOSE(int, renameat2, (int from_dirfd, const char* from, int to_dirfd, const char* to, unsigned flags),
             renameat2, (from_dirfd, from, to_dirfd, to, flags), noexcept)
TK_INTERPOSE(int, link, (const char* from, const char* to), link, (from, to), noexcept)
TK_INTERPOSE(int, symlink, (const char* target, const char* path), symlink, (target, path), noexcept)
TK_INTERPOSE(ssize_t, readlink, (const char* path, char* buffer, size_t size), readlink, (path, buffer, size), noexcept)
TK_INTERPOSE(char*, realpath, (const char* path, char* resolved), realpath, (path, resolved), noexcept)
// Counted as a change of the process's state (process_state.hpp), then answered as any interposed call.
extern "C" __attribute__((visibility("default"))) int chdir(const char* path) noexcept {
  testkit::detail::note_process_state_change();
  return testkit::detail::call<testkit::Function::chdir>(path);
}
TK_INTERPOSE(char*, getcwd, (char* buffer, size_t size), getcwd, (buffer, size), noexcept)
