// Runs at .preinit_array time: only libc may be used (no C++ static object is constructed yet).
#include <testkit/run/sandbox_handoff.hpp>

#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

#include <testkit/interpose/process_state.hpp>

namespace testkit::detail {
namespace {

// Writes testkit-run's path into `runner` and returns true if it is found.
bool find_testkit_run(char (&runner)[PATH_MAX]) {
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&process_state_changes), &info) == 0 || info.dli_fname == nullptr) return false;
  const char* const slash = std::strrchr(info.dli_fname, '/');
  const int directory = slash == nullptr ? 0 : static_cast<int>(slash - info.dli_fname);
  for (const char* relative : {"testkit-run", "../bin/testkit-run", "../../bin/testkit-run"}) {
    const int length = std::snprintf(runner, sizeof runner, "%.*s/%s", directory, info.dli_fname, relative);
    if (length > 0 && length < PATH_MAX && ::access(runner, X_OK) == 0) return true;
  }
  return false;
}

}  // namespace

void hand_run_to_testkit_run(int argc, char** argv, char** envp) noexcept {
  const char* option = nullptr;  // the option that needs testkit-run
  for (int i = 1; i < argc; ++i) {
    // --testkit-worker and --testkit-worker-host: testkit-run started it, confined.
    if (std::strncmp(argv[i], "--testkit-worker", 16) == 0) return;
    if (std::strcmp(argv[i], "--sandbox") == 0 || std::strcmp(argv[i], "--valgrind") == 0) option = argv[i];
  }
  if (option == nullptr) return;
  char runner[PATH_MAX];
  char self[PATH_MAX];
  const ssize_t self_length = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (!find_testkit_run(runner) || self_length <= 0) {
    std::fprintf(stderr,
                 "testkit: %s starts every test through testkit-run, which is not installed beside "
                 "libtestkit_interpose.so; nothing ran\n",
                 option);
    std::_Exit(2);
  }
  self[self_length] = '\0';
  char** const arguments = static_cast<char**>(std::calloc(static_cast<std::size_t>(argc) + 2, sizeof(char*)));
  if (arguments == nullptr) std::_Exit(2);
  arguments[0] = runner;
  arguments[1] = self;
  for (int i = 1; i < argc; ++i) arguments[i + 1] = argv[i];
  ::execve(runner, arguments, envp);
  std::fprintf(stderr, "testkit: cannot start %s for %s; nothing ran\n", runner, option);
  std::_Exit(2);
}

}  // namespace testkit::detail
