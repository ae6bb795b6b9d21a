// Interposed calls that change what the process's threads share (shared library testkit_interpose): the working
// directory, the umask and the environment. Each is counted, then done by libc; none is patchable. chdir itself is
// in exported_dirs.cpp, since a FakeFilesystem answers it.
#include <testkit/interpose/detail/exported.hpp>
#include <testkit/interpose/process_state.hpp>

#include <dlfcn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace testkit::detail {
namespace {

constinit std::atomic<std::uint64_t> changes{0};

// The libc definition of `name`, looked up on first use (a function-local atomic: these may run before constructors).
template <class Function> Function* real_of(const char* name, std::atomic<Function*>& slot) noexcept {
  Function* function = slot.load(std::memory_order_acquire);
  if (function == nullptr) {
    function = reinterpret_cast<Function*>(::dlsym(RTLD_NEXT, name));
    slot.store(function, std::memory_order_release);
  }
  return function;
}

}  // namespace

std::uint64_t process_state_changes() noexcept { return changes.load(std::memory_order_relaxed); }

void note_process_state_change() noexcept { changes.fetch_add(1, std::memory_order_relaxed); }

}  // namespace testkit::detail

/// Defines the exported `name`, counted and then passed to libc's; `fallback` is returned if libc's cannot be found.
#define TK_COUNTED(ret, name, params, args, fallback, ...)                        \
  extern "C" __attribute__((visibility("default"))) ret name params __VA_ARGS__ { \
    static std::atomic<ret(*) params> real{nullptr};                              \
    testkit::detail::note_process_state_change();                                 \
    auto* const function = testkit::detail::real_of(#name, real);                 \
    if (function == nullptr) return fallback;                                     \
    return function args;                                                         \
  }

TK_COUNTED(int, fchdir, (int fd), (fd), (errno = ENOSYS, -1), noexcept)
TK_COUNTED(mode_t, umask, (mode_t mask), (mask), mode_t{022}, noexcept)
TK_COUNTED(int, setenv, (const char* name, const char* value, int overwrite), (name, value, overwrite),
           (errno = ENOSYS, -1), noexcept)
TK_COUNTED(int, unsetenv, (const char* name), (name), (errno = ENOSYS, -1), noexcept)
TK_COUNTED(int, putenv, (char* string), (string), (errno = ENOSYS, -1), noexcept)
TK_COUNTED(int, clearenv, (), (), (errno = ENOSYS, -1), noexcept)
